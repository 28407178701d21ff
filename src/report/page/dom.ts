/** Small typed DOM helpers for the page. */

/** byId returns the element with `id`, checked to be a `type` (throws when the page lacks it: a renderer bug). */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T;
export function byId(id: string): HTMLElement;
export function byId(id: string, type: new () => HTMLElement = HTMLElement): HTMLElement {
  const e = document.getElementById(id);
  if (!(e instanceof type)) throw new Error(`report page: no ${type.name} #${id}`);
  return e;
}

/** el creates a `tag` element with class `cls` (none when empty) and text `text` (none when undefined). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
