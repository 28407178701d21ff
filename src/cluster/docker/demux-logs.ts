/**
 * Docker's log stream for a container without a TTY is multiplexed: frames of an 8-byte header
 * (stream kind, 3 zero bytes, big-endian length) and the payload.
 */

/** demuxLogs turns Docker's multiplexed log stream (8-byte frame headers) into plain text (pure). */
export function demuxLogs(raw: Buffer | string): string {
  if (typeof raw === 'string') return raw;
  const out: Buffer[] = [];
  let i = 0;
  while (i + 8 <= raw.length) {
    const kind = raw[i]!;
    const size = raw.readUInt32BE(i + 4);
    if (kind > 2 || raw[i + 1] !== 0) return raw.toString('utf8'); // not multiplexed (a TTY container)
    out.push(raw.subarray(i + 8, i + 8 + size));
    i += 8 + size;
  }
  return Buffer.concat(out).toString('utf8');
}
