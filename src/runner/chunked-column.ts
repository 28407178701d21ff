/**
 * Chunked columns: growable columns of numbers in fixed-size typed-array chunks, one class per
 * element type (each class's element accesses stay monomorphic, which a generic class over every
 * typed array would not: measured 3× slower). Growing never copies what is stored (a doubling array
 * would briefly hold the old and the new copy), and the memory lives outside the JS heap.
 * Reading a row never written gives 0.
 */

/** CHUNK_BITS: 2^16 rows per chunk (512 KB for a Float64 column). */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

/** Column is what every chunked column offers: rows 0..length-1. */
export interface Column {
  readonly length: number;
  readonly bytes: number;
  push(v: number): number;
  get(row: number): number;
  set(row: number, v: number): void;
}

/** Float64Column: a chunked column of Float64Array elements. */
export class Float64Column implements Column {
  private readonly chunks: Float64Array[] = [];
  private n = 0;

  get length(): number {
    return this.n;
  }

  get bytes(): number {
    return this.chunks.length * CHUNK * Float64Array.BYTES_PER_ELEMENT;
  }

  /** push appends `v` and returns its row. */
  push(v: number): number {
    const row = this.n++;
    const c = row >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Float64Array(CHUNK));
    this.chunks[c]![row & MASK] = v;
    return row;
  }

  /** get reads row `row` (0 ≤ row < length). */
  get(row: number): number {
    return this.chunks[row >>> CHUNK_BITS]![row & MASK]!;
  }

  /** set overwrites row `row` (0 ≤ row < length). */
  set(row: number, v: number): void {
    this.chunks[row >>> CHUNK_BITS]![row & MASK] = v;
  }
}

/** Int32Column: a chunked column of Int32Array elements. */
export class Int32Column implements Column {
  private readonly chunks: Int32Array[] = [];
  private n = 0;

  get length(): number {
    return this.n;
  }

  get bytes(): number {
    return this.chunks.length * CHUNK * Int32Array.BYTES_PER_ELEMENT;
  }

  /** push appends `v` and returns its row. */
  push(v: number): number {
    const row = this.n++;
    const c = row >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Int32Array(CHUNK));
    this.chunks[c]![row & MASK] = v;
    return row;
  }

  /** get reads row `row` (0 ≤ row < length). */
  get(row: number): number {
    return this.chunks[row >>> CHUNK_BITS]![row & MASK]!;
  }

  /** set overwrites row `row` (0 ≤ row < length). */
  set(row: number, v: number): void {
    this.chunks[row >>> CHUNK_BITS]![row & MASK] = v;
  }
}

/** Uint32Column: a chunked column of Uint32Array elements. */
export class Uint32Column implements Column {
  private readonly chunks: Uint32Array[] = [];
  private n = 0;

  get length(): number {
    return this.n;
  }

  get bytes(): number {
    return this.chunks.length * CHUNK * Uint32Array.BYTES_PER_ELEMENT;
  }

  /** push appends `v` and returns its row. */
  push(v: number): number {
    const row = this.n++;
    const c = row >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Uint32Array(CHUNK));
    this.chunks[c]![row & MASK] = v;
    return row;
  }

  /** get reads row `row` (0 ≤ row < length). */
  get(row: number): number {
    return this.chunks[row >>> CHUNK_BITS]![row & MASK]!;
  }

  /** set overwrites row `row` (0 ≤ row < length). */
  set(row: number, v: number): void {
    this.chunks[row >>> CHUNK_BITS]![row & MASK] = v;
  }
}

/** Uint16Column: a chunked column of Uint16Array elements. */
export class Uint16Column implements Column {
  private readonly chunks: Uint16Array[] = [];
  private n = 0;

  get length(): number {
    return this.n;
  }

  get bytes(): number {
    return this.chunks.length * CHUNK * Uint16Array.BYTES_PER_ELEMENT;
  }

  /** push appends `v` and returns its row. */
  push(v: number): number {
    const row = this.n++;
    const c = row >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Uint16Array(CHUNK));
    this.chunks[c]![row & MASK] = v;
    return row;
  }

  /** get reads row `row` (0 ≤ row < length). */
  get(row: number): number {
    return this.chunks[row >>> CHUNK_BITS]![row & MASK]!;
  }

  /** set overwrites row `row` (0 ≤ row < length). */
  set(row: number, v: number): void {
    this.chunks[row >>> CHUNK_BITS]![row & MASK] = v;
  }
}

/** Uint8Column: a chunked column of Uint8Array elements. */
export class Uint8Column implements Column {
  private readonly chunks: Uint8Array[] = [];
  private n = 0;

  get length(): number {
    return this.n;
  }

  get bytes(): number {
    return this.chunks.length * CHUNK * Uint8Array.BYTES_PER_ELEMENT;
  }

  /** push appends `v` and returns its row. */
  push(v: number): number {
    const row = this.n++;
    const c = row >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Uint8Array(CHUNK));
    this.chunks[c]![row & MASK] = v;
    return row;
  }

  /** get reads row `row` (0 ≤ row < length). */
  get(row: number): number {
    return this.chunks[row >>> CHUNK_BITS]![row & MASK]!;
  }

  /** set overwrites row `row` (0 ≤ row < length). */
  set(row: number, v: number): void {
    this.chunks[row >>> CHUNK_BITS]![row & MASK] = v;
  }
}
