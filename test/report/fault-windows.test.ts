import { describe, expect, it } from 'vitest';
import { buildFaultWindows, groupNemesisOps, labelFor } from '../../src/report/fault-windows.js';
import { ev, history } from './helpers.js';

const nem = (type: 'invoke' | 'info', f: string, value: unknown, time: number) => ev(type, 'nemesis', f, value, time);

describe('buildFaultWindows', () => {
  it('pairs start/stop ops of each family, covering invoke to completion', () => {
    const h = history(
      nem('invoke', 'start-partition', { kind: 'halves' }, 100),
      nem('info', 'start-partition', { kind: 'halves', grudge: { n1: ['n2'] } }, 110),
      nem('invoke', 'kill', ['n3'], 150),
      nem('info', 'kill', ['n3'], 155),
      nem('invoke', 'stop-partition', null, 200),
      nem('info', 'stop-partition', null, 210),
      nem('invoke', 'start', null, 300),
      nem('info', 'start', ['n3'], 305),
    );
    const w = buildFaultWindows(h, 1000);
    expect(w.map((x) => [x.family, x.label, x.fromNs, x.toNs, x.open, x.stopF])).toEqual([
      ['partition', 'partition halves', 100, 210, false, 'stop-partition'],
      ['kill', 'kill n3', 150, 305, false, 'start'],
    ]);
  });
  it('runs an unstopped window to the end, ignores a stray stop and marks unknown ops as instants', () => {
    const h = history(nem('info', 'resume', null, 5), nem('info', 'pause', ['n1'], 10), nem('info', 'compact', 'n2', 20));
    const w = buildFaultWindows(h, 99);
    expect(w.map((x) => [x.family, x.fromNs, x.toNs, x.open])).toEqual([
      ['pause', 10, 99, true],
      ['compact', 20, 20, false],
    ]);
  });
  it("closes a window when its family starts again and treats Jepsen's start/stop as a generic fault", () => {
    const h = history(
      nem('info', 'bump-clock', { n1: 100 }, 10),
      nem('info', 'strobe-clock', { n2: 5 }, 20),
      nem('info', 'reset-clock', null, 30),
      nem('info', 'start', null, 40),
      nem('info', 'stop', null, 50),
    );
    const w = buildFaultWindows(h, 60);
    expect(w.map((x) => [x.family, x.fromNs, x.toNs])).toEqual([
      ['clock', 10, 20],
      ['clock', 20, 30],
      ['fault', 40, 50],
    ]);
  });
  it('closes every open window at a final heal', () => {
    const h = history(
      nem('info', 'start-partition', { kind: 'halves' }, 10),
      nem('info', 'kill', ['n1'], 20),
      nem('invoke', 'heal', null, 30),
      nem('info', 'heal', 'healed', 35),
      nem('info', 'pause', ['n2'], 40),
    );
    expect(buildFaultWindows(h, 50).map((x) => [x.family, x.fromNs, x.toNs, x.open, x.stopF])).toEqual([
      ['partition', 10, 35, false, 'heal'],
      ['kill', 20, 35, false, 'heal'],
      ['pause', 40, 50, true, null],
    ]);
  });
  it('pairs each invoke with the next completion of the same f when fault kinds interleave', () => {
    const h = history(
      nem('invoke', 'start-partition', { kind: 'halves' }, 100),
      nem('invoke', 'kill', ['n3'], 105),
      nem('info', 'kill', ['n3'], 110),
      nem('info', 'start-partition', { kind: 'halves', grudge: { n1: ['n2'] } }, 120),
      nem('invoke', 'stop-partition', null, 200),
      nem('invoke', 'start', null, 210),
      nem('info', 'start', ['n3'], 215),
      nem('info', 'stop-partition', null, 230),
    );
    expect(buildFaultWindows(h, 1000).map((x) => [x.family, x.label, x.fromNs, x.toNs, x.open, x.stopF])).toEqual([
      ['partition', 'partition halves', 100, 230, false, 'stop-partition'],
      ['kill', 'kill n3', 105, 215, false, 'start'],
    ]);
  });
  it('groups nemesis events into ops in order of their first event', () => {
    const h = history(
      nem('invoke', 'pause', ['n1'], 10),
      nem('info', 'resume', null, 12),
      nem('invoke', 'kill', ['n2'], 15),
      nem('invoke', 'kill', ['n3'], 18),
      nem('info', 'pause', ['n1'], 20),
      nem('info', 'kill', null, 25),
      nem('invoke', 'heal', null, 30),
    );
    expect(groupNemesisOps(h).map((o) => [o.f, o.value, o.fromNs, o.toNs])).toEqual([
      ['pause', ['n1'], 10, 20],
      ['resume', null, 12, 12],
      ['kill', ['n2'], 15, 15],
      ['kill', ['n3'], 18, 25],
      ['heal', null, 30, 30],
    ]);
  });
  it('ignores client events', () => {
    expect(buildFaultWindows(history(ev('invoke', 1, 'start', null, 1), ev('ok', 1, 'start', null, 2)), 5)).toEqual([]);
  });
});

describe('labelFor', () => {
  it.each([
    ['kill', null, 'kill'],
    ['kill', ['n1', 'n2'], 'kill n1,n2'],
    ['partition', { kind: 'majorities-ring' }, 'partition majorities-ring'],
    ['partition', { n1: ['n2', 'n3'], n2: ['n1'] }, 'partition n1✗n2,n3 n2✗n1'],
    ['clock', { n1: 250 }, 'clock {"n1":250}'],
  ])('%s %j → %s', (family, value, label) => {
    expect(labelFor(family, value)).toBe(label);
  });
});
