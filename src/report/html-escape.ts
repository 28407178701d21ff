/**
 * escapeHtml and embedJson: the two ways data enters report.html. Pure.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** escapeHtml makes any string safe as HTML text or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * embedJson serializes `data` for a `<script type="application/json">` element: `<`, `>` and `&`
 * become \u escapes (so `</script>` and `<!--` cannot end or confuse the element), as do U+2028 and
 * U+2029. `JSON.parse` of the element's text gives back `data`.
 */
export function embedJson(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
