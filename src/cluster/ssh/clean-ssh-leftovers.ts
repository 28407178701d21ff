/**
 * sshLeftoverCleaner: `faultline clean --backend ssh --nodes-file FILE` restores every machine of
 * an inventory from its marker (see node-scripts.ts): the daemons faultline started are killed, the
 * saved firewall rules are put back, its files are removed. Machines without a marker are untouched.
 */
import type { CleanReport, LeftoverCleaner } from '../local/clean-local-leftovers.js';
import type { Inventory } from './inventory.js';
import { cleanupScript } from './node-scripts.js';
import { connectAll } from './ssh-connection.js';

/** sshLeftoverCleaner cleans the machines of `inventory`; an unreachable machine rejects (cluster error naming it). */
export function sshLeftoverCleaner(inventory: Inventory): LeftoverCleaner {
  return {
    name: 'ssh',
    clean: async ({ dryRun }) => {
      const report: CleanReport = { removed: [], skipped: [] };
      const conns = await connectAll(inventory);
      try {
        await Promise.all(
          conns.map(async (c) => {
            const where = `${c.node.name} (${c.node.host})`;
            const marker = `${c.node.dir}/marker`;
            if (dryRun) {
              const r = await c.run(`cat ${marker} 2>/dev/null`);
              if (r.stdout.trim() !== '') report.removed.push(`on ${where}: ${r.stdout.trim().split('\n').join(', ')}`);
              return;
            }
            const out = await c.check(cleanupScript(c.node.dir), `restoring ${where}`, { timeoutMs: 30_000 });
            const run = /^FL_CLEANED (.*)$/m.exec(out)?.[1];
            if (run !== undefined) report.removed.push(`faultline run ${run} on ${where} (its processes, iptables rules and files in ${c.node.dir})`);
          }),
        );
      } finally {
        for (const c of conns) c.close();
      }
      return report;
    },
  };
}
