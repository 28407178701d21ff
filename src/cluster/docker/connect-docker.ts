/**
 * connectDocker opens the Docker engine the way the docker CLI would: dockerode constructed with no
 * options reads DOCKER_HOST (unix://, tcp://, with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH), else the
 * local socket /var/run/docker.sock. It pings the engine first so a missing Docker is one clear
 * `environment` FaultlineError rather than a socket error later. The only place dockerode is created.
 */
import Dockerode from 'dockerode';
import { FaultlineError } from '../../core/errors.js';

const PING_TIMEOUT_MS = 5000;

/** connectDocker returns a connected client; throws FaultlineError('environment') when no engine answers within 5 s. */
export async function connectDocker(): Promise<Dockerode> {
  let docker: Dockerode;
  try {
    docker = new Dockerode();
  } catch (err) {
    throw new FaultlineError('environment', `cannot use DOCKER_HOST=${process.env['DOCKER_HOST'] ?? ''}: ${(err as Error).message}`, { cause: err });
  }
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    await Promise.race([docker.ping(), timeout]).finally(() => clearTimeout(timer));
  } catch (err) {
    const where = process.env['DOCKER_HOST'] ?? 'unix:///var/run/docker.sock';
    throw new FaultlineError('environment', `no Docker engine answers at ${where}: ${(err as Error).message}`, {
      hint: 'start one (Debian: apt-get install -y docker.io && dockerd &, or .ci/docker-setup.sh), or set DOCKER_HOST',
      cause: err,
    });
  }
  return docker;
}

/** isLocalEngine tells whether the engine runs on this machine (a unix socket), so host paths can be bind-mounted. */
export function isLocalEngine(): boolean {
  const host = process.env['DOCKER_HOST'];
  return host === undefined || host === '' || host.startsWith('unix://');
}
