import { describe, expect, it } from 'vitest';
import { replyFor } from '../../src/store/http-api.js';
import type { EngineReply } from '../../src/store/kv-command.js';
import { parseClientRequest, type ParsedRequest } from '../../src/store/parse-client-request.js';

describe('parseClientRequest', () => {
  it.each<[string, string, unknown, ParsedRequest]>([
    ['GET', '/kv/a', undefined, { kind: 'kv', command: { op: 'get', key: 'a' }, timeoutMs: 1000 }],
    ['GET', '/kv/a%2Fb?timeout_ms=250', undefined, { kind: 'kv', command: { op: 'get', key: 'a/b' }, timeoutMs: 250 }],
    ['PUT', '/kv/a', { value: null }, { kind: 'kv', command: { op: 'put', key: 'a', value: null }, timeoutMs: 1000 }],
    ['POST', '/kv/a/cas', { from: 1, to: 2 }, { kind: 'kv', command: { op: 'cas', key: 'a', from: 1, to: 2 }, timeoutMs: 1000 }],
    ['POST', '/kv/a/append', { value: 'x' }, { kind: 'kv', command: { op: 'append', key: 'a', value: 'x' }, timeoutMs: 1000 }],
    ['POST', '/kv/a/add', { value: 3 }, { kind: 'kv', command: { op: 'add', key: 'a', value: 3 }, timeoutMs: 1000 }],
    ['POST', '/kv/a/incr', { value: -2 }, { kind: 'kv', command: { op: 'incr', key: 'a', value: -2 }, timeoutMs: 1000 }],
    ['GET', '/status', undefined, { kind: 'status' }],
    ['GET', '/kv/a?local=1', undefined, { kind: 'local-read', key: 'a' }],
    ['GET', '/kv/a%2Fb?local=true&timeout_ms=50', undefined, { kind: 'local-read', key: 'a/b' }],
    ['POST', '/control/clock', { offsetMs: -500 }, { kind: 'clock', offsetMs: -500 }],
  ])('%s %s', (method, url, body, expected) => {
    expect(parseClientRequest(method, url, body)).toEqual(expected);
  });

  it.each<[string, string, unknown, number, RegExp]>([
    ['PUT', '/kv/a', {}, 400, /"value" is required/],
    ['POST', '/kv/a/append', { value: 1 }, 400, /must be a string/],
    ['POST', '/kv/a/incr', { value: '1' }, 400, /must be a number/],
    ['POST', '/kv/a/cas', { from: 1 }, 400, /"from" and "to"/],
    ['GET', '/kv/a?timeout_ms=0', undefined, 400, /timeout_ms/],
    ['POST', '/control/clock', { offsetMs: 'x' }, 400, /offsetMs/],
    ['DELETE', '/kv/a', undefined, 405, /GET or PUT/],
    ['GET', '/kv/a/cas', undefined, 405, /POST/],
    ['GET', '/nope', undefined, 404, /no route/],
    ['GET', '/kv/a?local=yes', undefined, 400, /"local" must be 1 or true/],
    ['PUT', '/kv/a?local=1', { value: 1 }, 400, /"local" applies to GET/],
    ['POST', '/kv/a/add?local=1', { value: 1 }, 400, /"local" applies to GET/],
    ['POST', '/kv/a/pop', {}, 404, /no route/],
  ])('rejects %s %s', (method, url, body, status, message) => {
    const parsed = parseClientRequest(method, url, body);
    expect(parsed).toMatchObject({ kind: 'bad', status });
    expect(parsed.kind === 'bad' && parsed.message).toMatch(message);
  });
});

describe('replyFor (the error contract)', () => {
  it.each<[boolean, EngineReply, number, Record<string, unknown>]>([
    [true, { kind: 'done', result: { ok: true, value: null } }, 200, { value: null }],
    [false, { kind: 'done', result: { ok: true, value: 3 } }, 200, { ok: true, value: 3 }],
    [false, { kind: 'done', result: { ok: false, error: 'compare-failed', value: 1 } }, 409, { ok: false, error: 'compare-failed', value: 1 }],
    [false, { kind: 'done', result: { ok: false, error: 'wrong-type', value: 'x' } }, 400, { ok: false, error: 'wrong-type', value: 'x' }],
    [false, { kind: 'not-leader', leader: 'n2' }, 503, { error: 'not-leader', leader: 'n2' }],
    [true, { kind: 'not-leader', leader: null }, 503, { error: 'not-leader', leader: null }],
    [false, { kind: 'unavailable' }, 503, { error: 'unavailable' }],
    [false, { kind: 'timeout' }, 504, { error: 'timeout' }],
  ])('read=%s %j', (read, reply, status, body) => {
    expect(replyFor(read, reply)).toEqual({ status, body });
  });
});
