/**
 * LabSession: what `faultline lab` runs behind its page — a local cluster of the built-in store in
 * one mode, the lab's history, the background workload, the periodic check and the faults clicked on
 * the page (each recorded as a nemesis op). Listeners get a `hello` (everything, after a start or a
 * mode switch), then each `op`, `state` and `verdict` as they happen. Actions are serialised: a mode
 * switch (stop the cluster, start a new one, new history) never overlaps a fault or an op start.
 * `stop` stops the workload, the checker and the cluster (the run registry entry goes with it).
 */
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { builtinStoreAdapter } from '../adapters/builtin-store-adapter.js';
import type { RunnerAdapter } from '../adapters/adapter-extras.js';
import type { HistoryEvent } from '../core/event.js';
import { FaultlineError } from '../core/errors.js';
import type { LocalCluster } from '../cluster/local/local-cluster.js';
import { startLocalCluster, type StoreMode } from '../cluster/local/start-local-cluster.js';
import { describeQuorum, quorumStoreArgs, resolveQuorum, type QuorumGiven } from '../cluster/local/quorum-options.js';
import type { QuorumSettings } from '../store/quorum-rules.js';
import { writeReport } from '../report/write-report.js';
import { createRunDir } from '../runner/run-dir.js';
import type { LabVerdict } from './check-lab-history.js';
import { nemesisOpFor, type LabAction } from './lab-action.js';
import { LabChecker } from './lab-checker.js';
import { LabHistory } from './lab-history.js';
import { runRecordedOp, type HandOp } from './lab-op.js';
import { grudgeOf, linkId, linksOf } from './lab-topology.js';
import { LabWorkload, WORKLOAD_DEFAULTS } from './lab-workload.js';

/** LabOptions: how the lab's clusters are started. */
export interface LabOptions {
  mode: StoreMode;
  /** The modes the page offers (the built-in store's). */
  modes: readonly string[];
  nodes: number;
  logDir: string;
  seed: number;
  /** Where "save" puts runs: `<store>/lab-<mode>/<timestamp>/`. */
  store: string;
  /** Reaped leftovers of dead runs, one line each (first start only). */
  onReaped?: (line: string) => void;
  /** Op timeout in ms (hand ops and workload). */
  opTimeoutMs?: number;
  /** Quorum mode's N, R, W, sloppy as given (defaults: quorum-options.ts); used when the mode is quorum. */
  quorum?: QuorumGiven;
}

/** NodeView is one node as the page draws it. */
export interface NodeView {
  name: string;
  state: 'running' | 'paused' | 'down';
  /** From the node's /status: leader, follower, candidate, primary, replica…; null when unknown. */
  role: string | null;
  term: number | null;
  clockOffsetMs: number;
}

/** LabState is the cluster as the page draws it. */
export interface LabState {
  mode: string;
  modes: readonly string[];
  /** `down`: the last start failed (the page may switch modes to try again). */
  status: 'starting' | 'running' | 'stopping' | 'down';
  nodes: NodeView[];
  /** Cut links as [a, b] pairs (a < b). */
  cut: [string, string][];
  workload: boolean;
  runId: string | null;
  /** Quorum mode's settings and their description ("N=3 R=2 W=2 (strict quorum)"); null in other modes. */
  quorum: (QuorumSettings & { text: string }) | null;
}

/** LabMessage is what a listener (the page's event stream) receives. */
export type LabMessage =
  | { type: 'hello'; state: LabState; events: HistoryEvent[]; lanes: Record<number, string>; verdict: LabVerdict | null }
  | { type: 'op'; event: HistoryEvent; lane: string | null }
  | { type: 'state'; state: LabState }
  | { type: 'verdict'; verdict: LabVerdict };

const STATUS_POLL_MS = 1000;

export class LabSession {
  private cluster: LocalCluster | undefined;
  private history = new LabHistory();
  private checker: LabChecker | undefined;
  private workload: LabWorkload | undefined;
  private verdict: LabVerdict | null = null;
  private readonly adapter: RunnerAdapter = builtinStoreAdapter();
  private readonly listeners = new Set<(m: LabMessage) => void>();
  private readonly cut = new Set<string>();
  private readonly clock = new Map<string, number>();
  private readonly roles = new Map<string, { role: string | null; term: number | null }>();
  private status: LabState['status'] = 'starting';
  private queue: Promise<unknown> = Promise.resolve();
  private poller: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private value = 0;
  private stopped = false;
  private quorum: QuorumSettings | undefined;

  private constructor(private options: LabOptions) {}

  /** start starts the first cluster; throws the local backend's errors (cluster, environment). */
  static async start(options: LabOptions): Promise<LabSession> {
    const session = new LabSession(options);
    await session.startCluster(options.onReaped);
    return session;
  }

  get mode(): string {
    return this.options.mode;
  }

  get nodeNames(): string[] {
    return Array.from({ length: this.options.nodes }, (_, i) => `n${i + 1}`);
  }

  /** subscribe sends `fn` a hello now and every message from then on; returns the unsubscribe. */
  subscribe(fn: (m: LabMessage) => void): () => void {
    this.listeners.add(fn);
    fn(this.hello());
    return () => this.listeners.delete(fn);
  }

  /** state is the cluster as the page draws it. */
  state(): LabState {
    return {
      mode: this.options.mode,
      modes: this.options.modes,
      status: this.status,
      nodes: this.nodeNames.map((name) => ({
        name,
        state: this.cluster?.stateOf(name) ?? 'down',
        role: this.roles.get(name)?.role ?? null,
        term: this.roles.get(name)?.term ?? null,
        clockOffsetMs: this.clock.get(name) ?? 0,
      })),
      cut: [...this.cut].sort().map((id) => id.split('-') as [string, string]),
      workload: this.workload !== undefined,
      runId: this.cluster?.runId ?? null,
      quorum: this.quorum === undefined ? null : { ...this.quorum, text: describeQuorum(this.quorum) },
    };
  }

  /** historyJsonl is the history so far in faultline's format. */
  historyJsonl(): string {
    return this.history.toJsonl();
  }

  /** apply performs a fault (or heal) and records it as a nemesis op; resolves with the new state. */
  apply(action: LabAction): Promise<LabState> {
    return this.exclusive(async () => {
      const cluster = this.live();
      const before = this.grudgeAfter(action);
      const op = nemesisOpFor(action, before.grudge);
      this.history.append({ type: 'invoke', process: 'nemesis', f: op.f, value: op.value });
      let error: string | undefined;
      try {
        await this.perform(cluster, action, before.cut);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      this.history.append({ type: 'info', process: 'nemesis', f: op.f, value: op.value, ...(error === undefined ? {} : { error }) });
      await this.pollStatus();
      this.emitState();
      if (error !== undefined) throw new FaultlineError('cluster', error);
      return this.state();
    });
  }

  /** runHandOp performs one op on exactly the chosen node (no leader hint followed) and returns its completion. */
  async runHandOp(op: HandOp): Promise<HistoryEvent> {
    const cluster = this.live();
    const node = cluster.nodes.find((n) => n.name === op.node)!;
    const timeoutMs = this.options.opTimeoutMs ?? 1000;
    const client = await this.adapter.open(node, { nodes: cluster.nodes, timeoutMs });
    try {
      return await runRecordedOp(this.history, client, `you → ${op.node}`, { f: op.f, key: op.key, value: op.value }, timeoutMs + 500);
    } finally {
      await client.close();
    }
  }

  /** setWorkload starts or stops the background clients. */
  setWorkload(on: boolean): Promise<LabState> {
    return this.exclusive(async () => {
      const cluster = this.live();
      if (on && this.workload === undefined) {
        const timeoutMs = this.options.opTimeoutMs ?? WORKLOAD_DEFAULTS.timeoutMs;
        this.workload = new LabWorkload(this.history, this.adapter, cluster.nodes, { ...WORKLOAD_DEFAULTS, timeoutMs, seed: this.options.seed }, () => ++this.value);
      } else if (!on && this.workload !== undefined) {
        const w = this.workload;
        this.workload = undefined;
        await w.stop();
      }
      this.emitState();
      return this.state();
    });
  }

  /**
   * switchMode stops the cluster and starts one in `mode` with a new, empty history; `quorum`
   * replaces quorum mode's settings. Settings that do not fit are a usage error before anything stops.
   */
  switchMode(mode: StoreMode, quorum?: QuorumGiven): Promise<LabState> {
    return this.exclusive(async () => {
      if (this.stopped) throw new FaultlineError('cluster', 'the lab is stopping');
      const given = quorum ?? this.options.quorum ?? {};
      resolveQuorum(mode, this.options.nodes, mode === 'quorum' ? given : {});
      await this.stopCluster();
      this.options = { ...this.options, mode, quorum: given };
      try {
        await this.startCluster();
      } catch (err) {
        this.status = 'down';
        this.emitState();
        throw err;
      }
      return this.state();
    });
  }

  /** save writes the history and its report to `<store>/lab-<mode>/<timestamp>/`; resolves with the paths. */
  async save(): Promise<{ dir: string; history: string; report: string; valid: unknown }> {
    const dir = await createRunDir(this.options.store, `lab-${this.options.mode}`, new Date());
    const history = path.join(dir, 'history.jsonl');
    await writeFile(history, this.history.toJsonl());
    if (this.history.events.length === 0) return { dir, history, report: '', valid: null };
    const report = path.join(dir, 'report.html');
    const written = await writeReport(history, { out: report, workers: 1 });
    return { dir, history, report, valid: written.valid };
  }

  /** stop ends everything (idempotent); the cluster's nodes and registry entry are gone when it resolves. */
  stop(): Promise<void> {
    this.stopped = true;
    return this.exclusive(() => this.stopCluster());
  }

  private async startCluster(onReaped?: (line: string) => void): Promise<void> {
    this.status = 'starting';
    this.history = new LabHistory();
    this.verdict = null;
    this.cut.clear();
    this.clock.clear();
    this.roles.clear();
    this.quorum = this.options.mode === 'quorum' ? resolveQuorum('quorum', this.options.nodes, this.options.quorum ?? {}) : undefined;
    this.broadcast(this.hello());
    this.cluster = await startLocalCluster({
      nodes: this.options.nodes,
      mode: this.options.mode,
      logDir: path.join(this.options.logDir, this.options.mode),
      seed: this.options.seed,
      storeArgs: quorumStoreArgs(this.quorum),
      ...(onReaped === undefined ? {} : { onReaped }),
    });
    // Time 0 of the history is the moment the cluster is up.
    this.history = new LabHistory();
    this.unsubscribe = this.history.onEvent((event, lane) => this.broadcast({ type: 'op', event, lane: lane ?? null }));
    this.checker = new LabChecker(this.history, (verdict) => {
      this.verdict = verdict;
      this.broadcast({ type: 'verdict', verdict });
    });
    this.checker.start();
    this.status = 'running';
    await this.pollStatus();
    this.poller = setInterval(() => {
      void this.pollStatus().then((changed) => changed && this.emitState());
    }, STATUS_POLL_MS);
    this.poller.unref();
    this.broadcast(this.hello());
  }

  private async stopCluster(): Promise<void> {
    this.status = 'stopping';
    if (this.poller !== undefined) clearInterval(this.poller);
    this.poller = undefined;
    this.emitState();
    const w = this.workload;
    this.workload = undefined;
    const cluster = this.cluster;
    this.cluster = undefined;
    // Stopping the cluster first ends the workload's ops in flight (refused connections) quickly.
    await cluster?.stop();
    await w?.stop();
    await this.checker?.stop();
    this.checker = undefined;
    this.unsubscribe?.();
  }

  private async perform(cluster: LocalCluster, action: LabAction, cut: Set<string>): Promise<void> {
    switch (action.kind) {
      case 'cut':
      case 'mend':
      case 'isolate':
        await cluster.partition(grudgeOf(cut, this.nodeNames));
        this.cut.clear();
        for (const id of cut) this.cut.add(id);
        return;
      case 'heal':
        await cluster.healNetwork();
        this.cut.clear();
        for (const name of this.nodeNames) {
          if (cluster.stateOf(name) === 'paused') await cluster.resume(name);
          if (cluster.stateOf(name) === 'down') await cluster.restart(name);
          if ((this.clock.get(name) ?? 0) !== 0) await cluster.setClockOffset(name, 0);
        }
        this.clock.clear();
        return;
      case 'kill':
        return cluster.kill(action.node);
      case 'restart':
        return cluster.restart(action.node);
      case 'pause':
        return cluster.pause(action.node);
      case 'resume':
        return cluster.resume(action.node);
      case 'clock':
        await cluster.setClockOffset(action.node, action.offsetMs);
        this.clock.set(action.node, action.offsetMs);
        return;
    }
  }

  /** grudgeAfter computes the cut links and grudge an action leaves (the current ones for other kinds). */
  private grudgeAfter(action: LabAction): { cut: Set<string>; grudge: ReturnType<typeof grudgeOf> } {
    const cut = new Set(this.cut);
    if (action.kind === 'cut') cut.add(linkId(action.a, action.b));
    if (action.kind === 'mend') cut.delete(linkId(action.a, action.b));
    if (action.kind === 'isolate') for (const [a, b] of linksOf(action.node, this.nodeNames)) cut.add(linkId(a, b));
    if (action.kind === 'heal') cut.clear();
    return { cut, grudge: grudgeOf(cut, this.nodeNames) };
  }

  /** pollStatus asks every running node for its role; resolves true when anything changed. */
  private async pollStatus(): Promise<boolean> {
    const cluster = this.cluster;
    if (cluster === undefined) return false;
    let changed = false;
    await Promise.all(
      cluster.nodes.map(async (node) => {
        let next: { role: string | null; term: number | null } = { role: null, term: null };
        if (cluster.stateOf(node.name) === 'running') {
          try {
            const res = await fetch(`http://${node.host}:${node.port}/status`, { signal: AbortSignal.timeout(500) });
            const body = (await res.json()) as Record<string, unknown>;
            next = { role: typeof body['role'] === 'string' ? body['role'] : null, term: typeof body['term'] === 'number' ? body['term'] : null };
          } catch {
            // no answer in time: role unknown
          }
        }
        const prev = this.roles.get(node.name);
        if (prev?.role !== next.role || prev?.term !== next.term) changed = true;
        this.roles.set(node.name, next);
      }),
    );
    return changed;
  }

  private hello(): LabMessage {
    const lanes: Record<number, string> = {};
    for (const e of this.history.events) {
      if (typeof e.process === 'number' && lanes[e.process] === undefined) lanes[e.process] = this.history.lane(e.process) ?? `p${e.process}`;
    }
    return { type: 'hello', state: this.state(), events: this.history.events.slice(), lanes, verdict: this.verdict };
  }

  private emitState(): void {
    this.broadcast({ type: 'state', state: this.state() });
  }

  private broadcast(m: LabMessage): void {
    for (const fn of this.listeners) fn(m);
  }

  private live(): LocalCluster {
    if (this.stopped) throw new FaultlineError('cluster', 'the lab is stopping');
    if (this.cluster === undefined || this.status !== 'running') throw new FaultlineError('cluster', 'the cluster is (re)starting; try again in a moment');
    return this.cluster;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
