// The same package used from plain ESM JavaScript (no types): check a Porcupine-style register
// history written by hand, with a built-in model.
import { checkEvents, readHistory, MODEL_NAMES } from 'faultline';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lines = [
  { type: 'invoke', process: 0, f: 'write', value: 1, time: 0 },
  { type: 'ok', process: 0, f: 'write', value: 1, time: 5 },
  { type: 'invoke', process: 1, f: 'read', value: null, time: 6 },
  { type: 'ok', process: 1, f: 'read', value: 0, time: 9 },
].map((e, index) => JSON.stringify({ index, ...e }));
const file = join(mkdtempSync(join(tmpdir(), 'consumer-')), 'history.jsonl');
writeFileSync(file, lines.join('\n') + '\n');
const history = await readHistory(file);
const check = await checkEvents(history.events, { model: 'register', conventions: history.conventions });
console.log(JSON.stringify({ format: history.format, valid: check.result.valid, models: MODEL_NAMES.length }));
