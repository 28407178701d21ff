/**
 * formatElements: a list of set elements for people, e.g. `585–684, 700, "x" and 106 more`. Pure.
 * Runs of consecutive integers become ranges (Jepsen prints its sets the same way); at most
 * `maxItems` items (a range counts as one) are shown, and `total` (the checker's full count, which
 * may exceed the elements it listed) gives the "and N more".
 */
import { compactValue } from './op-text.js';

/** ELEMENT_ITEMS_SHOWN: how many items (values or ranges) a list shows before "and N more". */
export const ELEMENT_ITEMS_SHOWN = 30;

/** formatElements renders `values` (in the checker's order) out of `total`; see the module comment. */
export function formatElements(values: readonly unknown[], total: number = values.length, maxItems: number = ELEMENT_ITEMS_SHOWN): string {
  const items: { text: string; size: number }[] = [];
  let i = 0;
  while (i < values.length) {
    const v = values[i];
    if (Number.isInteger(v)) {
      let j = i;
      while (j + 1 < values.length && values[j + 1] === (values[j] as number) + 1) j++;
      const size = j - i + 1;
      items.push({ text: size >= 3 ? `${v as number}–${values[j] as number}` : values.slice(i, j + 1).join(', '), size });
      i = j + 1;
    } else {
      items.push({ text: JSON.stringify(v) ?? compactValue(v), size: 1 });
      i++;
    }
  }
  const shown = items.slice(0, maxItems);
  const shownCount = shown.reduce((n, it) => n + it.size, 0);
  const more = Math.max(0, total - shownCount);
  const text = shown.map((it) => it.text).join(', ');
  if (more === 0) return text;
  return text === '' ? `${more} not listed` : `${text} and ${more} more`;
}
