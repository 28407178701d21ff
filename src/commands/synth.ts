import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { FaultlineError } from '../core/errors.js';
import { synthesizeHistory } from '../synth/synth-history.js';
import { writeEventsJsonl } from '../synth/write-jsonl.js';

/** Synth writes a synthetic history, linearizable by construction unless violations are planted. */
export default class Synth extends BaseCommand {
  static override summary = 'Write a synthetic history (linearizable by construction, or with planted stale reads).';
  static override description = `Every process runs operations back to back; each operation gets a linearization point
inside its interval and reads return what the register held at that point, so the history is
linearizable by construction. Written values are unique. --plant-stale N rewrites one read on each of
N keys to return a value that was provably overwritten before the read began.`;
  static override examples = [
    '<%= config.bin %> synth --ops 20000 --keys 1 --processes 10 -o /tmp/h.jsonl',
    '<%= config.bin %> synth --workload kv --ops 2000 --keys 10 --processes 50 -o /tmp/c50.jsonl',
    '<%= config.bin %> synth --ops 1000000 --keys 1000 --processes 50 --plant-stale 3 -o /tmp/big.jsonl',
  ];
  static override flags = {
    workload: Flags.string({ options: ['cas-register', 'kv'], default: 'cas-register', description: 'kind of history' }),
    ops: Flags.integer({ min: 1, default: 10_000, description: 'number of operations' }),
    keys: Flags.integer({ min: 1, default: 1, description: 'number of independent keys' }),
    processes: Flags.integer({ min: 1, default: 10, description: 'concurrent processes' }),
    'info-rate': Flags.string({ default: '0', description: 'fraction of operations that end as info (0..1)' }),
    'plant-stale': Flags.integer({ min: 0, default: 0, description: 'number of keys that get one stale read' }),
    seed: Flags.integer({ default: 1, description: 'random seed' }),
    output: Flags.string({ char: 'o', required: true, description: 'file to write (JSON lines)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Synth);
    const infoRate = Number(flags['info-rate']);
    if (!Number.isFinite(infoRate) || infoRate < 0 || infoRate > 1) {
      throw new FaultlineError('usage', `--info-rate must be a number between 0 and 1, got "${flags['info-rate']}"`);
    }
    const h = synthesizeHistory({
      workload: flags.workload as 'cas-register' | 'kv',
      ops: flags.ops,
      keys: flags.keys,
      processes: flags.processes,
      infoRate,
      plantStale: flags['plant-stale'],
      seed: flags.seed,
    });
    await writeEventsJsonl(flags.output, h.events);
    this.log(`wrote ${h.events.length} events (${flags.ops} ops, seed ${h.seed}) to ${flags.output}`);
    if (h.plantedKeys.length > 0) this.log(`planted stale reads on keys: ${h.plantedKeys.join(', ')}`);
  }
}
