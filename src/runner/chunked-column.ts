/**
 * ChunkedColumn: a growable column of numbers in fixed-size typed-array chunks. Growing never copies
 * what is stored (a doubling array would briefly hold the old and the new copy: 3× the data), and
 * the memory lives outside the JS heap.
 */

type TypedArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;
type TypedArrayOf<T extends TypedArray> = new (length: number) => T;

/** CHUNK_BITS: 2^16 rows per chunk (512 KB for a Float64 column). */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

/** ChunkedColumn stores values at rows 0..length-1; reading a row never written gives 0. */
export class ChunkedColumn<T extends TypedArray> {
  private readonly chunks: T[] = [];
  private n = 0;

  constructor(private readonly make: TypedArrayOf<T>) {}

  /** length is the number of rows pushed. */
  get length(): number {
    return this.n;
  }

  /** bytes is the memory the chunks hold. */
  get bytes(): number {
    return this.chunks.reduce((s, c) => s + c.byteLength, 0);
  }

  /** push appends `v` and returns its row. */
  push(v: number): number {
    const row = this.n++;
    const c = row >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new this.make(CHUNK));
    (this.chunks[c] as T)[row & MASK] = v;
    return row;
  }

  /** get reads row `row` (0 ≤ row < length). */
  get(row: number): number {
    return (this.chunks[row >>> CHUNK_BITS] as T)[row & MASK] as number;
  }

  /** set overwrites row `row` (0 ≤ row < length). */
  set(row: number, v: number): void {
    (this.chunks[row >>> CHUNK_BITS] as T)[row & MASK] = v;
  }
}
