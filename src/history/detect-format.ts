/**
 * Format detection: which reader a history file needs, from its first bytes (and its name only
 * when the content cannot tell, e.g. an empty file).
 */
import { extname } from 'node:path';
import { FaultlineError } from '../core/errors.js';

/** HistoryFormat names the history formats faultline reads. */
export type HistoryFormat = 'jsonl' | 'edn' | 'jepsen-log' | 'porcupine-kv';

/** HISTORY_FORMATS lists every format, for `--format` validation and help. */
export const HISTORY_FORMATS: readonly HistoryFormat[] = ['jsonl', 'edn', 'jepsen-log', 'porcupine-kv'];

const BY_EXTENSION: Record<string, HistoryFormat> = {
  '.jsonl': 'jsonl',
  '.json': 'jsonl',
  '.edn': 'edn',
  '.log': 'jepsen-log',
  '.txt': 'porcupine-kv',
};

/**
 * detectFormat tells a history's format from its first chunk (pure). Rules, on the first line that
 * is not blank or a `;` comment: `{"` → jsonl; mentions `jepsen.util` → jepsen-log; `[` or `(` →
 * edn (one vector of ops); `{:` → porcupine-kv when that line is one whole op map with a `:key` and
 * no `:time` (Porcupine's kv logs), else edn (Jepsen's one-map-per-line history.edn). With no such
 * line (empty file) the extension decides (.jsonl/.json, .edn, .log, .txt), else jsonl. Throws
 * FaultlineError('input') when the content matches no format: a binary file is called binary, and
 * any other line is shown as a short escaped excerpt (never raw bytes on the terminal).
 */
export function detectFormat(firstChunk: string, path: string): HistoryFormat {
  const line = firstMeaningfulLine(firstChunk);
  if (line === undefined) return BY_EXTENSION[extname(path).toLowerCase()] ?? 'jsonl';
  if (/^\{\s*"/.test(line)) return 'jsonl';
  if (line.includes('jepsen.util')) return 'jepsen-log';
  if (line.startsWith('[') || line.startsWith('(')) return 'edn';
  if (/^\{\s*:/.test(line)) {
    const oneMap = line.trimEnd().endsWith('}');
    return oneMap && /:key[\s,]/.test(line) && !/:time[\s,]/.test(line) ? 'porcupine-kv' : 'edn';
  }
  if (looksBinary(firstChunk)) {
    throw new FaultlineError('input', `${path}: is a binary file, not a history (no text format matches its first bytes)`, {
      hint: `a history is text: faultline JSONL, Jepsen/Knossos EDN, a Jepsen log or a Porcupine kv log (${HISTORY_FORMATS.join(', ')})`,
    });
  }
  throw new FaultlineError('input', `${path}: cannot tell the history format from its first line ${excerpt(line)}`, {
    hint: `pass --format (one of ${HISTORY_FORMATS.join(', ')})`,
  });
}

/** Control characters other than tab/newline/return, and U+FFFD (what invalid UTF-8 decodes to). */
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g;

/** looksBinary: a NUL, or more than 1 in 20 characters that text never has. Pure. */
export function looksBinary(chunk: string): boolean {
  if (chunk.includes('\u0000')) return true;
  const sample = chunk.slice(0, 4096);
  return (sample.match(NOT_TEXT)?.length ?? 0) * 20 > sample.length;
}

/** excerpt: a line quoted for one line of output, control characters escaped, cut at 60 characters. */
function excerpt(line: string): string {
  return printable(JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line));
}

/** printable escapes the characters a terminal should never be sent raw (controls, U+FFFD) as \uXXXX. Pure. */
export function printable(text: string): string {
  return text.replace(NOT_TEXT, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function firstMeaningfulLine(chunk: string): string | undefined {
  const text = chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const line = text.slice(start, nl).trim();
    start = nl + 1;
    if (line.length > 0 && !line.startsWith(';')) return line;
  }
  return undefined;
}
