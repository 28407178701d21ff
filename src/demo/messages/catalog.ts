/**
 * The demos' message catalogs: every text a demo prints (progress, table, sentences, page) is a key
 * in en.ts with its English text and, under the same key, its Chinese text in zh.ts. Texts are
 * templates with `{name}` placeholders; `translator` fills them. TypeScript checks that zh.ts has
 * exactly en.ts's keys; test/demo/demo-messages.test.ts checks placeholders agree too.
 */
import { FaultlineError } from '../../core/errors.js';
import { EN, type MessageKey } from './en.js';
import { ZH } from './zh.js';

export type { MessageKey };

/** Lang is a language the demos speak. */
export type Lang = 'en' | 'zh';

/** LANGS: the languages, English first (the default). */
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** Catalog: one text per key. */
export type Catalog = Readonly<Record<MessageKey, string>>;

/** CATALOGS: each language's catalog. */
export const CATALOGS: Readonly<Record<Lang, Catalog>> = { en: EN, zh: ZH };

/** Params fills a template's placeholders. */
export type Params = Readonly<Record<string, string | number>>;

/** Translate renders one key with its params in one language. */
export type Translate = (key: MessageKey, params?: Params) => string;

/** placeholders lists a template's `{name}` placeholders, sorted, without duplicates. Pure. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1] as string))].sort();
}

/**
 * translator renders keys of `lang`'s catalog. A placeholder without a param is a bug in the caller
 * and throws a RangeError naming the key (never a half-filled sentence on screen).
 */
export function translator(lang: Lang): Translate {
  const catalog = CATALOGS[lang];
  return (key, params = {}) =>
    catalog[key].replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => {
      const v = params[name];
      if (v === undefined) throw new RangeError(`message ${key} (${lang}) needs {${name}}`);
      return String(v);
    });
}

/** parseLang reads `--lang`: en or zh, else a one-line usage FaultlineError. Pure. */
export function parseLang(text: string): Lang {
  if ((LANGS as readonly string[]).includes(text)) return text as Lang;
  throw new FaultlineError('usage', `--lang must be ${LANGS.join(' or ')}, not "${text}"`);
}
