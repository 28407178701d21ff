import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FaultlineError } from '../../src/core/errors.js';
import { readAnyHistory } from '../../src/history/read-any-history.js';
import { parseJepsenLog } from '../../src/history/jepsen-log.js';
import { parseEdnHistory } from '../../src/history/edn-history.js';
import { detectFormat } from '../../src/history/detect-format.js';
import type { HistoryFormat } from '../../src/history/detect-format.js';

const MALFORMED = 'fixtures/malformed';

async function importError(name: string): Promise<string> {
  const path = join(MALFORMED, name);
  try {
    await readAnyHistory(path);
  } catch (err) {
    expect(err).toBeInstanceOf(FaultlineError);
    expect((err as FaultlineError).code).toBe('input');
    return (err as FaultlineError).message.slice(path.length);
  }
  throw new Error(`expected ${path} to be rejected`);
}

describe('importers reject malformed input naming file, line and field', () => {
  it.each([
    ['edn-bad-type.edn', ':3: ":type" must be one of :invoke, :ok, :fail, :info (field "type")'],
    ['edn-bad-process.edn', ':2: ":process" must be a non-negative integer or :nemesis (field "process")'],
    ['edn-missing-f.edn', ':2: missing required field ":f" (field "f")'],
    ['edn-bad-time.edn', ':2: ":time" must be a non-negative integer (nanoseconds) (field "time")'],
    ['edn-mismatched.edn', ':2: expected "]" but found "}"'],
    ['edn-unclosed.edn', ':2: missing "]" at end of input'],
    ['edn-not-a-map.edn', ':2: expected an op map "{...}" but found "42]"'],
    ['log-bad-value.log', ':2: invalid EDN: incomplete form "[1 2"'],
    ['log-bad-type.log', ':2: type ":done" must be one of :invoke, :ok, :fail, :info (field "type")'],
    ['log-bad-process.log', ':3: process "x1" must be a non-negative integer or :nemesis (field "process")'],
    ['log-short-line.log', ':2: malformed history line: expected "<process> <type> <f> <value>" after "jepsen.util -"'],
    ['kv-bad-key.txt', ':2: ":key" must be a string, keyword or integer (field "key")'],
    ['kv-unterminated.txt', ':2: unterminated string at end of input'],
  ])('%s', async (name, expected) => {
    expect(await importError(name)).toBe(expected);
  });
});

describe('parseJepsenLog', () => {
  it('reads spaces or tabs, nemesis lines, timed-out completions, and skips other loggers', () => {
    const text = [
      'INFO  jepsen.core - Running test',
      'INFO  jepsen.util - 1 :invoke :cas [1 2]',
      'INFO  jepsen.util - :nemesis\t:info\t:start\tnil',
      'INFO  jepsen.util - 1\t:info\t:cas\t:timed-out',
      'INFO  jepsen.util - 2 :invoke :read nil',
      'INFO  jepsen.util - 2 :fail :read :timed-out',
      'INFO  jepsen.util - 3 :invoke :write 5',
      'INFO  jepsen.util - 3 :ok :write 5',
      '',
    ].join('\n');
    const { events, warnings } = parseJepsenLog(text, 'j.log');
    expect(events.map((e) => [e.process, e.type, e.f, e.value, e.error])).toEqual([
      [1, 'invoke', 'cas', [1, 2], undefined],
      ['nemesis', 'info', 'start', null, undefined],
      [1, 'info', 'cas', [1, 2], 'timed-out'],
      [2, 'invoke', 'read', null, undefined],
      [2, 'fail', 'read', null, 'timed-out'],
      [3, 'invoke', 'write', 5, undefined],
      [3, 'ok', 'write', 5, undefined],
    ]);
    expect(events.map((e) => e.time)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000]);
    expect(warnings).toEqual(['j.log: skipped 1 line(s) that are not jepsen.util history lines (first at line 1)']);
  });
});

describe('parseEdnHistory', () => {
  it('reads lists, sets, strings with brackets, char literals, comments and keeps monotonic times', () => {
    const text = [
      '; a history',
      '({:process 0, :type :invoke, :f :add, :value #{1}, :time 10} ; first',
      ' {:process 0, :type :ok, :f :add, :value "a ] b", :time 20, :node "n1"}',
      ' {:process 1, :type :invoke, :f :x, :value \\a, :time 30, :key 7})',
    ].join('\n');
    const { events, warnings } = parseEdnHistory(text, 'h.edn');
    expect(warnings).toEqual([]);
    expect(events).toEqual([
      { index: 0, type: 'invoke', process: 0, f: 'add', value: [1], time: 10 },
      { index: 1, type: 'ok', process: 0, f: 'add', value: 'a ] b', time: 20, node: 'n1' },
      { index: 2, type: 'invoke', process: 1, f: 'x', value: 'a', time: 30, key: '7' },
    ]);
  });

  it('synthesises times silently when the source has none', () => {
    const { events, warnings } = parseEdnHistory('{:process 0, :type :invoke, :f :read}\n{:process 0, :type :ok, :f :read, :value 1}\n', 'kv');
    expect(events.map((e) => [e.time, e.value])).toEqual([
      [0, null],
      [1000, 1],
    ]);
    expect(warnings).toEqual([]);
  });
});

describe('detectFormat', () => {
  it.each<[string, string, HistoryFormat]>([
    ['{"type":"invoke","process":0,"f":"read","time":0}\n', 'h.txt', 'jsonl'],
    ['\n\n{ "type":"invoke"}', 'h', 'jsonl'],
    ['INFO  jepsen.util - 0\t:invoke\t:read\tnil\n', 'x.jsonl', 'jepsen-log'],
    ['[{:process 0, :type :invoke, :f :read, :value nil}\n', 'h', 'edn'],
    ['; comment\n(\n{:process 0}', 'h', 'edn'],
    ['{:process 0, :type :invoke, :f :get, :key "1", :value nil}\n', 'h', 'porcupine-kv'],
    ['{:index 0, :type :invoke, :f :read, :process 0, :time 1, :value nil}\n', 'h', 'edn'],
    ['{:type :invoke,\n :f :txn}', 'h', 'edn'],
    ['', 'etcd.log', 'jepsen-log'],
    ['', 'history.edn', 'edn'],
    ['', 'c01.txt', 'porcupine-kv'],
    ['  \n', 'history', 'jsonl'],
  ])('%j (%s) → %s', (chunk, path, expected) => {
    expect(detectFormat(chunk, path)).toBe(expected);
  });

  it('rejects unknown content with a hint', () => {
    expect(() => detectFormat('hello world\n', 'h.txt')).toThrow('h.txt: cannot tell the history format from its first line "hello world"');
  });
});
