/**
 * displayWidth: how many terminal columns a string takes — CJK ideographs, kana, hangul and
 * full-width forms take two — so the demo tables line up in Chinese too. Pure.
 */

const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
];

/** displayWidth counts columns: 2 for each wide code point, 1 for every other. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    w += WIDE.some(([a, b]) => c >= a && c <= b) ? 2 : 1;
  }
  return w;
}

/** padEndDisplay pads `s` with spaces to `width` terminal columns. */
export function padEndDisplay(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}
