import { describe, expect, it } from 'vitest';
import { parseReplyLine } from '../../src/adapters/exec-reply.js';

describe('parseReplyLine (the exec protocol, one stdout line)', () => {
  it.each([
    ['{"id":2,"type":"ok","value":3,"node":"n2"}', { kind: 'reply', reply: { id: 2, type: 'ok', value: 3, node: 'n2' } }],
    ['{"id":1,"type":"fail","error":"refused"}', { kind: 'reply', reply: { id: 1, type: 'fail', error: 'refused' } }],
    ['{"id":3,"type":"info"}', { kind: 'reply', reply: { id: 3, type: 'info' } }],
    ['   ', { kind: 'blank' }],
    ['', { kind: 'blank' }],
  ])('%s is accepted', (line, parsed) => {
    expect(parseReplyLine(line, 3)).toEqual(parsed);
  });

  it.each([
    ['hello from print()', 'is not JSON: "hello from print()"', undefined],
    ['[1,2]', 'is not a JSON object: "[1,2]"', undefined],
    ['{"type":"ok"}', 'has "id" none, which names no request sent: "{\\"type\\":\\"ok\\"}"', undefined],
    ['{"id":9,"type":"ok"}', 'has "id" 9, which names no request sent: "{\\"id\\":9,\\"type\\":\\"ok\\"}"', undefined],
    ['{"id":"1","type":"ok"}', 'has "id" "1", which names no request sent: "{\\"id\\":\\"1\\",\\"type\\":\\"ok\\"}"', undefined],
    ['{"id":2,"type":"success"}', 'answers request 2 with "type" "success" (expected "ok", "fail" or "info")', 2],
    ['{"id":2}', 'answers request 2 with "type" none (expected "ok", "fail" or "info")', 2],
    ['{"id":2,"type":"ok","node":5}', 'answers request 2 with a "node" that is not a string: "{\\"id\\":2,\\"type\\":\\"ok\\",\\"node\\":5}"', 2],
  ])('%s is a violation', (line, message, id) => {
    expect(parseReplyLine(line, 3)).toEqual(id === undefined ? { kind: 'violation', message } : { kind: 'violation', message, id });
  });

  it('shows untrusted text escaped and cut: binary and long lines', () => {
    const r = parseReplyLine(`\u0000\u001b[31m${'x'.repeat(200)}`, 1);
    expect(r).toEqual({ kind: 'violation', message: `is not JSON: ${JSON.stringify(`\u0000\u001b[31m${'x'.repeat(74)}`)}…` });
    expect((r as { message: string }).message).not.toMatch(/[\u0000-\u001f]/);
  });
});
