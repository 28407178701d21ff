/**
 * LineSplitter cuts a byte stream into newline-terminated lines. `push(chunk)` returns the complete
 * lines the chunk finished (without their '\n'; a trailing '\r' is kept, empty lines are dropped);
 * a partial last line waits for the next chunk. Pure apart from its own buffer. Lines are kept as
 * Buffers so a multi-byte character split across chunks stays intact.
 */
export class LineSplitter {
  private pending: Buffer[] = [];

  push(chunk: Buffer): Buffer[] {
    const lines: Buffer[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl === -1) break;
      const piece = chunk.subarray(start, nl);
      const line = this.pending.length === 0 ? piece : Buffer.concat([...this.pending, piece]);
      this.pending = [];
      if (line.length > 0) lines.push(line);
      start = nl + 1;
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
    return lines;
  }

  /** pendingBytes is how many bytes of an unfinished line are buffered. */
  get pendingBytes(): number {
    return this.pending.reduce((n, b) => n + b.length, 0);
  }
}
