/**
 * tarArchive builds a POSIX ustar archive in memory from a list of entries (pure): what
 * `docker.importImage` needs to make an image from files without a `docker build` or a registry.
 */
import { FaultlineError } from '../../core/errors.js';

/** TarEntry is one archive member: a directory, a regular file or a symbolic link. Paths are relative, no leading slash. */
export type TarEntry =
  | { type: 'dir'; path: string; mode?: number }
  | { type: 'file'; path: string; data: Buffer | string; mode?: number }
  | { type: 'symlink'; path: string; target: string };

const BLOCK = 512;

/** tarArchive returns the archive bytes (entries in order, two zero blocks at the end). Throws an internal FaultlineError for a path over 99 bytes. */
export function tarArchive(entries: readonly TarEntry[], mtimeSec = 0): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = e.type === 'file' ? (typeof e.data === 'string' ? Buffer.from(e.data) : e.data) : Buffer.alloc(0);
    const name = e.type === 'dir' && !e.path.endsWith('/') ? `${e.path}/` : e.path;
    parts.push(header({
      name,
      mode: e.type === 'symlink' ? 0o777 : (e.mode ?? (e.type === 'dir' ? 0o755 : 0o644)),
      size: data.length,
      mtimeSec,
      typeflag: e.type === 'file' ? '0' : e.type === 'dir' ? '5' : '2',
      linkname: e.type === 'symlink' ? e.target : '',
    }));
    if (data.length > 0) {
      parts.push(data);
      const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
      if (pad > 0) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

function header(h: { name: string; mode: number; size: number; mtimeSec: number; typeflag: string; linkname: string }): Buffer {
  if (Buffer.byteLength(h.name) > 99 || Buffer.byteLength(h.linkname) > 99) {
    throw new FaultlineError('internal', `tar path too long: ${h.name}`);
  }
  const b = Buffer.alloc(BLOCK);
  b.write(h.name, 0, 100, 'utf8');
  b.write(octal(h.mode, 8), 100, 8, 'ascii');
  b.write(octal(0, 8), 108, 8, 'ascii');
  b.write(octal(0, 8), 116, 8, 'ascii');
  b.write(octal(h.size, 12), 124, 12, 'ascii');
  b.write(octal(h.mtimeSec, 12), 136, 12, 'ascii');
  b.fill(' ', 148, 156);
  b.write(h.typeflag, 156, 1, 'ascii');
  b.write(h.linkname, 157, 100, 'utf8');
  b.write('ustar\u000000', 257, 8, 'ascii');
  b.write('root', 265, 32, 'ascii');
  b.write('root', 297, 32, 'ascii');
  let sum = 0;
  for (const byte of b) sum += byte;
  b.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return b;
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\u0000`;
}
