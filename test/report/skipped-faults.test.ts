// A fault the nemesis recorded as skipped ({skipped: why}) did nothing: the report draws it as a
// marker of its own, never as a shaded window of the fault.
import { describe, expect, it } from 'vitest';
import { buildFaultWindows } from '../../src/report/fault-windows.js';
import { ev, history } from './helpers.js';

const nem = (type: 'invoke' | 'info', f: string, value: unknown, time: number) => ev(type, 'nemesis', f, value, time);

describe('skipped faults in the report', () => {
  it('a skipped kill or leader partition opens no window; a partly skipped one does', () => {
    const h = history(
      nem('invoke', 'start-partition', { kind: 'leader' }, 100),
      nem('info', 'start-partition', { kind: 'leader', skipped: 'leader unknown: no node said who leads' }, 110),
      nem('invoke', 'kill', ['n2'], 120),
      nem('info', 'kill', { skipped: 'n2 is restarting' }, 121),
      nem('invoke', 'stop-partition', null, 200),
      nem('info', 'stop-partition', 'healed', 210),
      nem('invoke', 'start', null, 300),
      nem('info', 'start', [], 305),
      nem('invoke', 'pause', ['n1', 'n2'], 400),
      nem('info', 'pause', { nodes: ['n1'], skipped: { n2: 'n2 is restarting' } }, 401),
    );
    const w = buildFaultWindows(h, 1000);
    expect(w.map((x) => [x.family, x.label, x.fromNs, x.toNs, x.open])).toEqual([
      ['start-partition', 'start-partition skipped', 100, 110, false],
      ['kill', 'kill skipped', 120, 121, false],
      ['pause', expect.stringMatching(/^pause /), 400, 1000, true],
    ]);
  });
});
