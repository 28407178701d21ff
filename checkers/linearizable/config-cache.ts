/**
 * ConfigCache: Lowe's memo of visited search configurations (linearized set, state), stored compactly
 * in typed arrays (no per-entry objects).
 *
 * The linearized set is a bitset with two regions: ok ops (bits ordered by call time) and info ops.
 * In the ok region only the words between `lo` (first word not all ones: every word below is full)
 * and `hi` (last non-zero word: every word above is empty) are stored, which is exact and, without
 * long-pending ops, a few words however long the history is. The info region is stored up to its last
 * non-zero word. The caller supplies a hash of the ok region and state (an incremental XOR of per-op
 * keys), which indexes an open-addressing table; full contents are compared on hash hits, so a hash
 * collision never prunes anything.
 *
 * Dominance for info ops: an entry with the same ok set and state whose info set is a SUBSET of the
 * current one covers it (an info op that has not been linearized yet can still be linearized later
 * or never, so having linearized fewer of them never allows less). `visit` therefore reports a
 * configuration as seen when such an entry exists.
 */

/** ConfigCache stores visited configurations; see the file header. Not pure (it grows). */
export class ConfigCache {
  private arena: Uint32Array;
  private used = 0;
  private slotOffset: Int32Array;
  private slotHash: Int32Array;
  private mask: number;
  private count = 0;
  private readonly okWords: number;
  private readonly infoWords: number;

  constructor(okWords: number, infoWords: number) {
    this.okWords = okWords;
    this.infoWords = infoWords;
    // Small to start (both grow by doubling): a tiny part must not pay for a big table.
    this.arena = new Uint32Array(1 << 8);
    this.slotOffset = new Int32Array(1 << 6);
    this.slotHash = new Int32Array(1 << 6);
    this.mask = (1 << 6) - 1;
  }

  /** entries is the number of stored configurations. */
  get entries(): number {
    return this.count;
  }

  /** bytes estimates the cache's memory in bytes (typed-array capacity). */
  get bytes(): number {
    return this.arena.byteLength + this.slotOffset.byteLength + this.slotHash.byteLength;
  }

  /**
   * visit records configuration (bits, state) and returns true when it is new, or false when it (or
   * a configuration dominating it) was visited before. `hash` must depend only on the ok region and
   * the state; `lo`/`hi` are the ok region's bounds as described in the header.
   */
  visit(hash: number, state: number, bits: Uint32Array, lo: number, hi: number): boolean {
    let infoLen = 0;
    for (let w = this.infoWords - 1; w >= 0; w--) {
      if (bits[this.okWords + w] !== 0) {
        infoLen = w + 1;
        break;
      }
    }
    const okLen = hi >= lo ? hi - lo + 1 : 0;
    let slot = hash & this.mask;
    for (;;) {
      const off = this.slotOffset[slot]!;
      if (off === 0) break;
      if (this.slotHash[slot] === hash && this.covers(off - 1, state, bits, lo, okLen, infoLen)) return false;
      slot = (slot + 1) & this.mask;
    }
    const size = 4 + okLen + infoLen;
    if (this.used + size > this.arena.length) {
      const bigger = new Uint32Array(Math.max(this.arena.length * 2, this.used + size));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    const a = this.arena;
    const at = this.used;
    a[at] = state;
    a[at + 1] = lo;
    a[at + 2] = okLen;
    a[at + 3] = infoLen;
    for (let i = 0; i < okLen; i++) a[at + 4 + i] = bits[lo + i]!;
    for (let i = 0; i < infoLen; i++) a[at + 4 + okLen + i] = bits[this.okWords + i]!;
    this.used += size;
    this.slotOffset[slot] = at + 1;
    this.slotHash[slot] = hash;
    this.count++;
    if (this.count * 2 > this.mask) this.grow();
    return true;
  }

  private covers(at: number, state: number, bits: Uint32Array, lo: number, okLen: number, infoLen: number): boolean {
    const a = this.arena;
    if (a[at] !== state || a[at + 1] !== lo || a[at + 2] !== okLen) return false;
    for (let i = 0; i < okLen; i++) if (a[at + 4 + i] !== bits[lo + i]) return false;
    const theirInfo = a[at + 3]!;
    if (theirInfo > infoLen) return false;
    const base = at + 4 + okLen;
    for (let i = 0; i < theirInfo; i++) if ((a[base + i]! & ~bits[this.okWords + i]!) !== 0) return false;
    return true;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const offs = new Int32Array(cap);
    const hashes = new Int32Array(cap);
    const mask = cap - 1;
    for (let s = 0; s <= this.mask; s++) {
      const off = this.slotOffset[s]!;
      if (off === 0) continue;
      const h = this.slotHash[s]!;
      let t = h & mask;
      while (offs[t] !== 0) t = (t + 1) & mask;
      offs[t] = off;
      hashes[t] = h;
    }
    this.slotOffset = offs;
    this.slotHash = hashes;
    this.mask = mask;
  }
}
