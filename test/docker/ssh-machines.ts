// Test machines for the ssh backend: containers built offline (host /usr bind-mounted, as the
// docker backend's offline images) running Debian's sshd, on an internal network reachable only
// from this host, with a throwaway host key and client key pair generated per run. Every object is
// labelled with the run id (faultline's own docker labels, so `faultline clean` also finds them).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { execa } from 'execa';
import { HOST_USR_BINDS, buildOfflineImage } from '../../src/cluster/docker/build-offline-image.js';
import { newDockerRunId, runLabels } from '../../src/cluster/docker/labels.js';
import { freeSubnetIndexes, subnetFor } from '../../src/cluster/docker/pick-subnet.js';
import { removeByRunLabel } from '../../src/cluster/docker/start-docker-cluster.js';
import { connectNode, type SshConnection } from '../../src/cluster/ssh/ssh-connection.js';
import { resolveInventory } from '../../src/cluster/ssh/inventory.js';
import { docker } from './helpers.js';

export const SSH_NODE_RECIPE = { kind: 'host-usr' as const, packages: ['openssh-server', 'etcd-server', 'redis-server', 'redis-tools', 'nodejs', 'iptables', 'iproute2'] };

/** SshMachines is a started set of test machines. */
export interface SshMachines {
  runId: string;
  /** Scratch dir: keys, nodes.json. */
  dir: string;
  ips: string[];
  privateKey: string;
  /** A second key the machines do not accept. */
  wrongKey: string;
  /** The machines' shared host-key fingerprint (SHA256:...). */
  fingerprint: string;
  /** writeInventory writes an inventory (nodes pinned to the host key) and returns its path. */
  writeInventory(name: string, extra?: Record<string, unknown>, nodeExtra?: (i: number) => Record<string, unknown>): string;
  /** connect opens a checking connection to machine i (0-based) with the accepted key. */
  connect(i: number): Promise<SshConnection>;
  remove(): Promise<void>;
}

const SSHD = '/usr/sbin/sshd';

async function keygen(file: string): Promise<void> {
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'faultline-test', '-f', file], { timeout: 20_000 });
}

/** startSshMachines starts `count` machines and waits until each one's sshd answers. */
export async function startSshMachines(count: number): Promise<SshMachines> {
  const runId = newDockerRunId();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-ssh-machines-'));
  const keys = path.join(dir, 'keys');
  fs.mkdirSync(keys);
  await Promise.all([keygen(path.join(keys, 'host')), keygen(path.join(keys, 'client')), keygen(path.join(keys, 'wrong'))]);
  fs.copyFileSync(path.join(keys, 'client.pub'), path.join(keys, 'authorized_keys'));
  const fp = (await execa('ssh-keygen', ['-l', '-E', 'sha256', '-f', path.join(keys, 'host.pub')])).stdout.split(/\s+/)[1]!;
  const { tag } = await buildOfflineImage(docker, 'ssh-node', SSH_NODE_RECIPE);
  const labels = runLabels(runId);
  const remove = async (): Promise<void> => {
    await removeByRunLabel(docker, runId);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    let network: Dockerode.Network | undefined;
    let subnet = subnetFor(0);
    for (const third of (await freeSubnetIndexes(docker)).slice(0, 8)) {
      subnet = subnetFor(third);
      try {
        network = await docker.createNetwork({
          Name: `faultline-ssh-${runId}`,
          Driver: 'bridge',
          Internal: true,
          Labels: labels,
          IPAM: { Driver: 'default', Config: [{ Subnet: subnet.subnet, Gateway: subnet.gateway }] },
        });
        break;
      } catch (err) {
        if (!/overlap|pool/i.test((err as Error).message)) throw err;
      }
    }
    if (network === undefined) throw new Error('no free subnet for the SSH machines');
    const ips = Array.from({ length: count }, (_, i) => subnet.nodeIp(i));
    // sshd needs its privilege-separation user and directory; root logs in with the test key only.
    const boot = [
      'mkdir -p /run/sshd && chmod 755 /run/sshd',
      "echo 'sshd:x:101:65534::/run/sshd:/usr/sbin/nologin' >> /etc/passwd",
      // Without a shadow entry sshd treats root as locked; this hash matches no password.
      "echo 'root:$6$faultline$unusable:19000:0:99999:7:::' > /etc/shadow && chmod 600 /etc/shadow",
      `exec ${SSHD} -D -e -f /dev/null -h /fl-keys/host -o AuthorizedKeysFile=/fl-keys/authorized_keys -o StrictModes=no -o PermitRootLogin=prohibit-password -o PasswordAuthentication=no -o MaxSessions=50 -o MaxStartups=50`,
    ].join(' && ');
    await Promise.all(
      ips.map(async (ip, i) => {
        const c = await docker.createContainer({
          name: `faultline-ssh-${runId}-m${i + 1}`,
          Image: tag,
          Cmd: ['/bin/sh', '-c', boot],
          Labels: { ...labels, 'faultline.node': `m${i + 1}` },
          HostConfig: { Binds: [...HOST_USR_BINDS, `${keys}:/fl-keys:ro`], CapAdd: ['NET_ADMIN'], NetworkMode: `faultline-ssh-${runId}` },
          NetworkingConfig: { EndpointsConfig: { [`faultline-ssh-${runId}`]: { IPAMConfig: { IPv4Address: ip } } } },
        });
        await c.start();
      }),
    );
    const machines: SshMachines = {
      runId,
      dir,
      ips,
      privateKey: path.join(keys, 'client'),
      wrongKey: path.join(keys, 'wrong'),
      fingerprint: fp,
      writeInventory(name, extra = {}, nodeExtra = () => ({})) {
        const file = path.join(dir, name);
        const inv = { privateKey: path.join(keys, 'client'), user: 'root', connectTimeoutMs: 5000, ...extra, nodes: ips.map((host, i) => ({ host, hostKey: fp, ...nodeExtra(i) })) };
        fs.writeFileSync(file, JSON.stringify(inv, null, 2));
        return file;
      },
      async connect(i) {
        const inv = resolveInventory({ privateKey: path.join(keys, 'client'), nodes: [{ host: ips[i]!, hostKey: fp }] }, 'test', dir);
        return connectNode(inv.nodes[0]!, inv);
      },
      remove,
    };
    // Wait until every sshd answers (a real SSH handshake, not just the port).
    const deadline = Date.now() + 30_000;
    for (let i = 0; i < count; i++) {
      for (;;) {
        try {
          (await machines.connect(i)).close();
          break;
        } catch (err) {
          if (Date.now() > deadline) throw err;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    }
    return machines;
  } catch (err) {
    await remove();
    throw err;
  }
}
