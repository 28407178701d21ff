/**
 * Host-key checking for the ssh backend: a pinned SHA256 fingerprint, or an OpenSSH known_hosts
 * file (plain and hashed `|1|` entries, `[host]:port` for other ports). Pure apart from reading the file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { HostKeyCheck } from './inventory.js';

/** fingerprintOf is OpenSSH's `SHA256:...` fingerprint of a public-key blob. Pure. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${crypto.createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** knownHostsName is how known_hosts names a host: `host`, or `[host]:port` when port is not 22. Pure. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/**
 * knownHostKeys lists the key blobs `text` (a known_hosts file) holds for `host`:`port`; revoked
 * (`@revoked`) and CA (`@cert-authority`) lines are skipped. Pure.
 */
export function knownHostKeys(text: string, host: string, port: number): Buffer[] {
  const name = knownHostsName(host, port);
  const keys: Buffer[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('@')) continue;
    const [hosts, , blob] = line.split(/\s+/);
    if (hosts === undefined || blob === undefined) continue;
    if (hosts.split(',').some((pattern) => hostMatches(pattern, name))) keys.push(Buffer.from(blob, 'base64'));
  }
  return keys;
}

function hostMatches(pattern: string, name: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    if (salt === undefined || hash === undefined) return false;
    return crypto.createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  return pattern === name;
}

/** HostKeyVerdict: whether a presented key is accepted, and why not. */
export type HostKeyVerdict = { ok: true } | { ok: false; reason: string };

/** verifyHostKey checks a presented key `blob` against `check` for host:port. */
export function verifyHostKey(check: HostKeyCheck, host: string, port: number, blob: Buffer): HostKeyVerdict {
  const got = fingerprintOf(blob);
  switch (check.kind) {
    case 'insecure':
      return { ok: true };
    case 'pinned':
      return got === check.fingerprint ? { ok: true } : { ok: false, reason: `host key ${got} does not match the pinned "hostKey" ${check.fingerprint}` };
    case 'known-hosts': {
      let text: string;
      try {
        text = fs.readFileSync(check.file, 'utf8');
      } catch {
        return { ok: false, reason: `host key ${got} cannot be checked: ${check.file} cannot be read` };
      }
      const known = knownHostKeys(text, host, port);
      if (known.some((k) => k.equals(blob))) return { ok: true };
      return {
        ok: false,
        reason: known.length === 0 ? `host key ${got} is not in ${check.file}` : `host key ${got} differs from the one in ${check.file} (possible man-in-the-middle)`,
      };
    }
  }
}
