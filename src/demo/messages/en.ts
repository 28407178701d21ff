/**
 * EN: every text the demos print, in English. Keys are grouped by where they appear (cli, page,
 * col, cell, shared sentence parts, then one group per chapter); `{name}` marks a placeholder.
 * zh.ts has the same keys (checked by TypeScript and by test/demo/demo-messages.test.ts).
 */
export const EN = {
  // Progress and links (the command).
  'cli.header': 'faultline demo {chapter}: {variants} on {nodes} nodes, {seconds} s each, seed {seed}',
  'cli.start': '[{i}/{n}] {variant}: running',
  'cli.done': '[{variant}] done in {elapsed}',
  'cli.fault': '  {variant}: fault {f}',
  'cli.noFault': '  {variant}: no fault',
  'cli.summary': 'summary: {path}',
  'cli.page': 'page:    {path}',

  // The combined page.
  'page.meta': 'seed {seed} · {nodes} nodes · {seconds} s per run · {faults}',
  'page.rowsHeading': 'What the rows show',
  'page.run': 'run',
  'page.runDir': 'run directory',
  'page.report': 'report',

  // Column headings.
  'col.mode': 'mode',
  'col.setting': 'setting',
  'col.available': 'available during faults',
  'col.linearizable': 'linearizable?',
  'col.eventual': 'eventually consistent?',
  'col.lostWrites': 'lost writes',
  'col.staleness': 'worst staleness',
  'col.convergence': 'convergence',

  // Cells.
  'cell.yes': 'yes',
  'cell.no': 'no',
  'cell.unknown': 'unknown',
  'cell.na': 'n/a',
  'cell.none': 'none',
  'cell.never': 'never',
  'cell.noFaults': 'n/a (no faults)',
  'cell.availability': '{pct}% ({ok}/{attempted})',
  'cell.eventual.diverged': 'no (diverged)',
  'cell.eventual.lost': 'no (lost writes)',
  'cell.eventual.phantom': 'no (phantom)',
  'cell.lostByTimestamp': '{n} (by timestamp)',
  'cell.stale': '{worst} ({n} stale)',

  // Sentence parts the chapters share.
  'lin.stayed': 'stayed linearizable',
  'lin.not': 'was not linearizable',
  'lin.unknown': 'could not be judged for linearizability',
  'stale.some': 'reads were stale (worst {worst}, {n} of {reads})',
  'stale.none': 'no stale read was seen',
  'conv.yes': 'every node converged to the same value after the heal',
  'conv.yesWithin': 'every node converged to the same value after the heal (within {d})',
  'conv.yesIn': 'every node converged to the same value after the heal (in {d})',
  'conv.no': 'the nodes did NOT converge after the heal',
  'cap.other': '{mode}: {pct} available during faults; it {lin}.',

  // demo cap.
  'cap.tableHeading': 'Same faults, four ways to replicate',
  'cap.faults': 'partition + clock (partition: leader), a fault change every {interval} s, {rate} ops/s',
  'cap.raft.cp':
    'raft chose consistency (CP): it {lin}, but only {pct} of the operations tried during faults succeeded — a leader cut off from the majority stops answering, and nothing is served until a new leader is elected.',
  'cap.raft.unexpected': 'raft should be linearizable, yet it {lin} in this run: look at the counterexample in its report.',
  'cap.lease.broken':
    "lease is raft whose leader answers reads alone while its lease lasts on its own clock: the clock nemesis kept a deposed leader's lease alive, so it {lin} ({pct} available during faults). Consistency that rests on clocks is only as good as the clocks.",
  'cap.lease.held':
    "lease is raft whose leader answers reads alone while its lease lasts on its own clock; in this run it {lin} ({pct} available during faults) — the clock faults did not happen to hit a deposed leader's lease (try another --seed).",
  'cap.primary.lost':
    'primary chose availability on the wrong side: the cut-off primary kept acknowledging writes the others never saw, and after the failover {n} acknowledged write(s) vanished — available ({pct}), but it {lin} and lost data.',
  'cap.primary.lostQuiet':
    'primary chose availability on the wrong side: the cut-off primary kept acknowledging writes the others never saw, and after the failover {n} acknowledged write(s) vanished — available ({pct}), and its clients, which had all followed the old primary, read nothing inconsistent (it stayed linearizable): the loss shows only in the final reads.',
  'cap.primary.none':
    'primary kept {pct} of operations going during faults and {lin}; no acknowledged write was lost this time (the failover found nothing unreplicated) — try another --seed.',
  'cap.lww': 'lww chose availability (AP): {pct} of operations succeeded during faults; {stale}, so it {lin}; {conv}.{lost}',
  'cap.lww.lost':
    ' But last-writer-wins trusts clocks: a skewed clock stamped some writes "later" than writes that really came after them, so {n} acknowledged write(s) were silently overwritten by writes that had finished before they began{rule}.',
  'cap.lww.lostRule': ' — by its own rule (latest timestamp wins) that is allowed, which is why it still counts as eventually consistent',
  'cap.lesson':
    'CAP: while the network is partitioned a store must either refuse some requests to stay consistent (raft) or keep answering and let replicas disagree for a while (lww, and primary, which also loses acknowledged writes). No mode gets both.',

  // demo clocks.
  'clocks.tableHeading': 'One clock jumps: who trusted it?',
  'clocks.faults':
    "at {at} s the leader's clock jumps {jump} s ahead (in a store without a leader, the first node's); at {half} s it is set right and that node is cut off from the others until the end; {rate} ops/s",
  'clocks.raft.ok':
    'raft ignored the clock: it commits and reads through a majority and times its elections on the monotonic clock, so it {lin} and lost no acknowledged write; the partition cost it availability only ({pct} during faults).',
  'clocks.raft.unexpected': 'raft should not depend on clocks, yet in this run it {lin} and lost {n} acknowledged write(s): look at its report.',
  'clocks.lease.broken':
    "lease trusted the leader's clock: the rounds it confirmed while its clock ran {jump} s ahead made its lease seem to last {jump} s longer once the clock was set right; cut off, it kept answering reads alone while the majority elected a new leader that accepted writes — {n} stale read(s), returning values overwritten up to {outdated} before, so it {lin}.",
  'clocks.lease.held':
    "lease trusted the leader's clock, whose jump of {jump} s should have stretched its lease, yet in this run it {lin}: no read on the cut-off leader was provably stale (the leader may have changed before the partition; try another --seed or a longer --time-limit).",
  'clocks.lww.lost':
    "lww trusted every node's clock: the writes stamped while one clock ran {jump} s ahead carried timestamps in the future, and every write made after the clock was set right, on any node, lost to them — {n} acknowledged write(s) silently overwritten by writes that had finished before they began. Its own rule (latest timestamp wins) allows that; a user whose later write vanished lost data. It {lin}.",
  'clocks.lww.none':
    "lww trusted every node's clock, but in this run no acknowledged write was lost to the {jump} s jump (no write reached the fast node during it; try another --seed); it {lin}.",
  'clocks.lesson':
    'Clocks: a mode that decides by a clock reading — when a lease ends, which write is newer — is only as right as that clock, and real clocks jump (an NTP step, a paused VM, an operator). raft decides by majorities and message order, so clock skew changes nothing. Systems that do rely on clocks bound the error and wait it out, as Spanner does with TrueTime.',

  // demo split-brain.
  'split.tableHeading': 'The primary is cut off: two primaries, or one?',
  'split.faults': 'at {at} s the primary (or leader) is cut off from the others until the end; {rate} ops/s',
  'split.primary.lost':
    "primary fails over without fencing: the cut-off primary never learned it had been replaced and kept acknowledging writes, while the majority, hearing nothing from it, promoted a new primary — two primaries at once, a split brain. At the heal the old primary took the new one's state and its writes were gone: {n} acknowledged write(s) lost. Available ({pct} during faults) — and {linNote}",
  'split.primary.linHeld':
    'its clients had followed the old primary, so everything they read during the partition agreed with what they wrote (it stayed linearizable): the loss shows only at the heal, in the final reads.',
  'split.primary.linUnknown': 'whether it stayed linearizable could not be judged.',
  'split.primary.linBroken': 'clients of the two primaries saw different values at once: it was not linearizable either.',
  'split.primary.none':
    'primary kept {pct} of operations going during faults and {lin}; no acknowledged write was provably lost this time (try another --seed or a longer --time-limit).',
  'split.raft.ok':
    "raft fences by terms and majorities: the cut-off leader could not commit anything without a majority and stepped down, and the new leader's higher term makes whatever the old one says stale — no acknowledged write lost, and it {lin}. The price: only {pct} of the operations tried during faults succeeded.",
  'split.raft.unexpected': 'raft should lose nothing, yet in this run it lost {n} acknowledged write(s) and {lin}: look at its report.',
  'split.lesson':
    "Split brain: a node cannot tell a dead primary from an unreachable one, so detecting failures faster does not prevent two primaries. Fencing does: the right to accept writes must come from a majority and carry a number the old primary cannot reuse (Raft's terms, ZooKeeper's epochs, fencing tokens), so whatever the old side accepts is refused or never acknowledged.",

  // demo quorum.
  'quorum.tableHeading': 'One Dynamo-style store, four quorum settings',
  'quorum.faults': 'partition (random halves) + clock, a fault change every {interval} s, {rate} ops/s; N={n} replicas per key',
  'quorum.weak':
    '{setting}: R + W ≤ N, so a read may ask only replicas the latest write has not reached — {stale}, and it {lin}. In exchange it answered {pct} of the operations tried during faults.',
  'quorum.strict':
    '{setting}: R + W > N, so every read quorum overlaps every write quorum — and still it {lin}: {stale}. Overlap is not enough: a read can meet a write that has reached some replicas but not others, and last-writer-wins orders writes by the coordinators\' clocks, which the clock faults skew. {pct} available during faults.',
  'quorum.strictHeld':
    '{setting}: R + W > N, so every read quorum overlaps every write quorum; in this run it {lin} ({stale}) — the overlap is not a proof, only the faults missed it (try another --seed). {pct} available during faults.',
  'quorum.sloppy':
    "{setting}: when a key's home replicas are out of reach, the coordinator counts any reachable node toward W and leaves it a hint to hand the write off later, so both sides of a partition keep acknowledging writes — {pct} available during faults, but read and write quorums no longer overlap: {stale}. After the heal last-writer-wins keeps the highest timestamp from either side, and with skewed clocks that is not always the latest write: {n} acknowledged write(s) lost. It {lin}.",
  'quorum.sloppyNone':
    "{setting}: when a key's home replicas are out of reach, the coordinator counts any reachable node toward W and leaves it a hint to hand the write off later, so both sides of a partition keep acknowledging writes — {pct} available during faults, but read and write quorums no longer overlap: {stale}. It {lin}. (No acknowledged write was provably lost this time: after the heal the highest timestamp was also the latest write.)",
  'quorum.readAll': ' Reads wait for all N replicas: one replica cut off and reads fail, which is what its availability shows.',
  'quorum.lesson':
    'Quorums: R + W > N makes read and write sets overlap, not the store linearizable (Jepsen showed it on Cassandra and Riak): without consensus, concurrent writes and skewed clocks still reorder what clients saw, and a sloppy quorum gives up even the overlap to stay available. Availability is bought with R and W: the smaller they are, the more partitions the store rides through, and the staler what it returns.',
} as const;

/** MessageKey names one text of the catalogs. */
export type MessageKey = keyof typeof EN;
