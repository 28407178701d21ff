import { afterEach, describe, expect, it } from 'vitest';
import type net from 'node:net';
import { MessageRouter } from '../../src/net/message-router.js';
import { FaultlineError } from '../../src/core/errors.js';
import { connectSender, sleep, startSink, waitFor, type Sink } from './net-helpers.js';

const NAMES = ['n1', 'n2', 'n3'];

interface Net {
  router: MessageRouter;
  sinks: Record<string, Sink>;
  send(from: string, to: string, text: string): Promise<void>;
  close(): Promise<void>;
}

// Three sinks stand in for nodes; senders are opened lazily per directed link.
async function startNet(seed = 1): Promise<Net> {
  const sinks: Record<string, Sink> = {};
  for (const n of NAMES) sinks[n] = await startSink();
  const router = await MessageRouter.start({ nodes: NAMES.map((n) => ({ name: n, peerPort: sinks[n]!.port })), seed });
  const senders = new Map<string, net.Socket>();
  return {
    router,
    sinks,
    async send(from, to, text) {
      let s = senders.get(`${from}${to}`);
      if (s === undefined) {
        s = await connectSender(router.linkPort(from, to));
        senders.set(`${from}${to}`, s);
      }
      s.write(`${text}\n`);
    },
    async close() {
      for (const s of senders.values()) s.destroy();
      await router.close();
      for (const s of Object.values(sinks)) await s.close();
    },
  };
}

// Send one tagged message on every directed link, then wait until the expected ones arrived.
async function sendAll(n: Net, tag: string): Promise<void> {
  for (const from of NAMES) for (const to of NAMES) if (from !== to) await n.send(from, to, `${tag}:${from}>${to}`);
}
function received(n: Net, tag: string): string[] {
  return NAMES.flatMap((to) => n.sinks[to]!.lines.map((l) => l.text).filter((t) => t.startsWith(`${tag}:`))).sort();
}
// Wait until every directed link has received `count` messages in all: a blocked link drops a
// message as it receives it, so after this no dropped message can still arrive.
async function linksReceived(n: Net, count: number): Promise<void> {
  await waitFor(() => NAMES.every((from) => NAMES.every((to) => from === to || n.router.stats(from, to).received === count)));
}
function allLinks(tag: string, except: (from: string, to: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const from of NAMES) for (const to of NAMES) if (from !== to && !except(from, to)) out.push(`${tag}:${from}>${to}`);
  return out.sort();
}

let current: Net | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

describe('MessageRouter', () => {
  it('forwards whole lines on every directed link and builds --peers', async () => {
    const n = (current = await startNet());
    expect(n.router.peersArg('n1')).toBe(`n2=127.0.0.1:${n.router.linkPort('n1', 'n2')},n3=127.0.0.1:${n.router.linkPort('n1', 'n3')}`);
    await sendAll(n, 'a');
    await waitFor(() => received(n, 'a').length === 6);
    expect(received(n, 'a')).toEqual(allLinks('a'));
    // A line written in pieces arrives whole.
    const s = await connectSender(n.router.linkPort('n2', 'n1'));
    s.write('{"part');
    await sleep(20);
    s.write('ial":true}\n');
    await waitFor(() => n.sinks['n1']!.lines.some((l) => l.text === '{"partial":true}'));
    s.destroy();
  });

  it.each([
    { name: 'isolate n1', grudge: { n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] }, cut: (f: string, t: string) => f === 'n1' || t === 'n1' },
    { name: 'one way: n2 cannot hear n3', grudge: { n2: ['n3'] }, cut: (f: string, t: string) => f === 'n3' && t === 'n2' },
    { name: 'n1 cannot hear anyone', grudge: { n1: ['n2', 'n3'] }, cut: (_f: string, t: string) => t === 'n1' },
  ])('a grudge drops exactly the right directions ($name), heal restores', async ({ grudge, cut }) => {
    const n = (current = await startNet());
    await sendAll(n, 'warm');
    await waitFor(() => received(n, 'warm').length === 6);
    n.router.partition(grudge);
    await sendAll(n, 'cut');
    const expected = allLinks('cut', cut);
    await linksReceived(n, 2); // warm + cut: every cut message was delivered or dropped
    await waitFor(() => received(n, 'cut').length === expected.length);
    expect(received(n, 'cut')).toEqual(expected);
    n.router.partition({});
    await sendAll(n, 'healed');
    await waitFor(() => received(n, 'healed').length === 6);
    expect(received(n, 'healed')).toEqual(allLinks('healed'));
  });

  it('loses about p of messages, with the same choices for the same seed', async () => {
    const counts: number[] = [];
    for (const seed of [5, 5]) {
      const n = (current = await startNet(seed));
      n.router.setPacketFaults({ lossProbability: 0.3 }, ['n2']);
      for (let i = 0; i < 2000; i++) await n.send('n1', 'n2', `m${i}`);
      for (let i = 0; i < 100; i++) await n.send('n2', 'n1', `x${i}`);
      await waitFor(() => n.router.stats('n1', 'n2').received === 2000 && n.sinks['n1']!.lines.length === 100);
      await waitFor(() => n.sinks['n2']!.lines.length === n.router.stats('n1', 'n2').delivered);
      const stats = n.router.stats('n1', 'n2');
      expect(stats.dropped / 2000).toBeGreaterThan(0.25);
      expect(stats.dropped / 2000).toBeLessThan(0.35);
      expect(stats.delivered + stats.dropped).toBe(2000);
      expect(n.router.stats('n2', 'n1').dropped).toBe(0); // links out of n2 untouched
      counts.push(stats.dropped);
      await n.close();
      current = undefined;
    }
    expect(counts[0]).toBe(counts[1]);
  });

  it('delays by at least delayMs, and a partition catches delayed messages', async () => {
    const n = (current = await startNet());
    n.router.setPacketFaults({ delayMs: 80, jitterMs: 20 });
    const sentAt = performance.now();
    await n.send('n1', 'n2', 'slow');
    await waitFor(() => n.sinks['n2']!.lines.length === 1);
    expect(n.sinks['n2']!.lines[0]!.atMs - sentAt).toBeGreaterThanOrEqual(79);
    await n.send('n1', 'n2', 'doomed');
    // Partition as soon as the router holds 'doomed': this poll's 5 ms timer fires before the
    // message's >= 80 ms delay timer, however loaded the machine (timers fire in deadline order).
    await waitFor(() => n.router.stats('n1', 'n2').received === 2);
    n.router.partition({ n2: ['n1'] });
    expect(n.router.stats('n1', 'n2').delivered).toBe(1);
    // When its delay ends, the partition swallows it.
    await waitFor(() => n.router.stats('n1', 'n2').dropped === 1);
    expect(n.router.stats('n1', 'n2').delivered).toBe(1);
    expect(n.sinks['n2']!.lines.map((l) => l.text)).toEqual(['slow']);
  });

  it('duplicates about p of messages', async () => {
    const n = (current = await startNet());
    n.router.setPacketFaults({ duplicateProbability: 0.5 });
    for (let i = 0; i < 400; i++) await n.send('n3', 'n1', `d${i}`);
    await waitFor(() => n.router.stats('n3', 'n1').received === 400);
    const stats = n.router.stats('n3', 'n1');
    await waitFor(() => n.sinks['n1']!.lines.length === 400 + stats.duplicated);
    expect(stats.duplicated).toBeGreaterThan(150);
    expect(stats.duplicated).toBeLessThan(250);
    const texts = n.sinks['n1']!.lines.map((l) => l.text);
    expect(new Set(texts).size).toBe(400);
  });

  it('heal removes packet faults and partitions together', async () => {
    const n = (current = await startNet());
    n.router.setPacketFaults({ lossProbability: 1 });
    n.router.partition({ n3: ['n1'] });
    await n.send('n1', 'n3', 'lost');
    await n.send('n2', 'n3', 'lost too');
    await waitFor(() => n.router.stats('n2', 'n3').received === 1 && n.router.stats('n1', 'n3').received === 1);
    n.router.heal();
    await n.send('n1', 'n3', 'back');
    await waitFor(() => n.sinks['n3']!.lines.length === 1);
    expect(n.sinks['n3']!.lines.map((l) => l.text)).toEqual(['back']);
  });

  it('drops messages while the destination is down and reconnects when it is back', async () => {
    const n = (current = await startNet());
    await n.send('n1', 'n2', 'before');
    await waitFor(() => n.sinks['n2']!.lines.length === 1);
    const port = n.sinks['n2']!.port;
    await n.sinks['n2']!.close();
    await n.send('n1', 'n2', 'while down');
    // The router has handled it (written to a closed connection or refused): it is lost.
    await waitFor(() => n.router.stats('n1', 'n2').received === 2);
    // The destination comes back on the same port.
    const { createServer } = await import('node:net');
    const lines: string[] = [];
    const conns: net.Socket[] = [];
    const server = createServer((s) => {
      conns.push(s);
      s.on('data', (c: Buffer) => lines.push(...c.toString().split('\n').filter(Boolean)));
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    try {
      // The router reconnects on a later message: resend until one arrives (30 s safety net).
      const end = performance.now() + 30_000;
      while (!lines.includes('after') && performance.now() < end) {
        await n.send('n1', 'n2', 'after');
        await sleep(20);
      }
      expect(lines).toContain('after');
      expect(lines).not.toContain('while down');
    } finally {
      for (const c of conns) c.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 180_000);

  it.each([
    { call: (r: MessageRouter) => r.partition({ n9: ['n1'] }), msg: /unknown node "n9"/ },
    { call: (r: MessageRouter) => r.partition({ n1: ['x'] }), msg: /unknown node "x"/ },
    { call: (r: MessageRouter) => r.setPacketFaults({ lossProbability: 2 }), msg: /lossProbability/ },
    { call: (r: MessageRouter) => r.setPacketFaults({}, ['zz']), msg: /unknown node "zz"/ },
  ])('rejects bad input with a usage error: $msg', async ({ call, msg }) => {
    const n = (current = await startNet());
    let caught: unknown;
    try {
      call(n.router);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FaultlineError);
    expect((caught as FaultlineError).code).toBe('usage');
    expect((caught as Error).message).toMatch(msg);
  });

  it('a partition takes effect on every link at the next message after the call', async () => {
    const n = (current = await startNet());
    let stop = false;
    let tag = 'before';
    const pump = (async () => {
      for (let i = 0; !stop; i++) {
        await sendAll(n, `${tag}${i}`);
        await sleep(1);
      }
    })();
    const links = NAMES.flatMap((from) => NAMES.filter((to) => to !== from).map((to) => [from, to] as const));
    await waitFor(() => links.every(([from, to]) => n.router.stats(from, to).delivered > 0));
    n.router.partition({ n1: ['n2', 'n3'], n2: ['n1', 'n3'], n3: ['n1', 'n2'] });
    const atCall = links.map(([from, to]) => n.router.stats(from, to));
    tag = 'after';
    // Every link receives more messages after the call (the pump keeps sending) and drops them all.
    await waitFor(() => links.every(([from, to], i) => n.router.stats(from, to).received >= atCall[i]!.received + 5));
    stop = true;
    await pump;
    links.forEach(([from, to], i) => expect(n.router.stats(from, to).delivered, `${from}>${to}`).toBe(atCall[i]!.delivered));
    // What was delivered before the call arrives; nothing sent after it does.
    const deliveredBefore = atCall.reduce((sum, st) => sum + st.delivered, 0);
    await waitFor(() => NAMES.reduce((sum, to) => sum + n.sinks[to]!.lines.length, 0) === deliveredBefore);
    expect(NAMES.flatMap((to) => n.sinks[to]!.lines.filter((l) => l.text.startsWith('after')))).toEqual([]);
  });
});
