/**
 * execInContainer runs a command inside a running container through the Docker API (never the
 * CLI) and returns its exit code and output: how the backend applies network faults, clock offsets
 * and exec readiness probes.
 */
import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { FaultlineError } from '../../core/errors.js';

/** ExecResult is a finished exec: its exit code and its stdout/stderr (UTF-8). */
export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * execInContainer runs `cmd` (an argv, no shell unless cmd is `sh -c ...`) in `container` and waits
 * up to `timeoutMs` for it. Rejects with FaultlineError('cluster') on timeout or an API error (e.g.
 * the container is paused or stopped); a non-zero exit is a result, not an error.
 */
export async function execInContainer(
  docker: Dockerode,
  container: Dockerode.Container,
  cmd: readonly string[],
  timeoutMs = 10_000,
): Promise<ExecResult> {
  const run = async (): Promise<ExecResult> => {
    const exec = await container.exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const out = new PassThrough();
    const err = new PassThrough();
    const outChunks: Buffer[] = [];
    const errChunks: Buffer[] = [];
    out.on('data', (c: Buffer) => outChunks.push(c));
    err.on('data', (c: Buffer) => errChunks.push(c));
    docker.modem.demuxStream(stream, out, err);
    await new Promise<void>((resolve, reject) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', reject);
    });
    const info = await exec.inspect();
    return {
      exitCode: info.ExitCode ?? -1,
      stdout: Buffer.concat(outChunks).toString('utf8'),
      stderr: Buffer.concat(errChunks).toString('utf8'),
    };
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FaultlineError('cluster', `exec ${cmd[0] ?? ''} in ${container.id.slice(0, 12)} took over ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([run(), timeout]);
  } catch (err) {
    if (err instanceof FaultlineError) throw err;
    throw new FaultlineError('cluster', `exec ${cmd[0] ?? ''} in ${container.id.slice(0, 12)} failed: ${(err as Error).message}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}
