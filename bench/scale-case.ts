/**
 * One scale case, run in its own process so peak RSS is this case's alone:
 * `node dist/bench/scale-case.js FILE MODEL [TIMEOUT_MS] [MEMORY_MB]` prints one JSON line
 * {parseMs, checkMs, maxRssMb, verdict, invalidKeys, unknownKeys, ops, mbPerS}.
 */
import { statSync } from 'node:fs';
import { readHistoryFile, pairOperations } from '../src/history/index.js';
import { checkLinearizability, getModel } from '../checkers/linearizable/index.js';
import { verdictLabel } from '../src/core/verdict.js';

const [file, modelName, timeoutArg, memoryArg] = process.argv.slice(2);
if (!file || !modelName) {
  console.error('usage: scale-case FILE MODEL [TIMEOUT_MS] [MEMORY_MB]');
  process.exit(3);
}
const t0 = performance.now();
const { events } = await readHistoryFile(file);
const ops = pairOperations(events);
const parseMs = performance.now() - t0;
const t1 = performance.now();
const result = await checkLinearizability(ops, getModel(modelName), {
  timeoutMs: Number(timeoutArg ?? 60_000),
  memoryCapMb: Number(memoryArg ?? 2048),
});
const checkMs = performance.now() - t1;
const bytes = statSync(file).size;
console.log(
  JSON.stringify({
    ops: ops.length,
    parseMs,
    checkMs,
    mbPerS: bytes / 1e6 / (parseMs / 1000),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    verdict: verdictLabel(result.valid),
    invalidKeys: result.parts.filter((p) => p.valid === false).map((p) => p.part),
    unknownKeys: result.parts.filter((p) => p.valid === 'unknown').map((p) => `${p.part}: ${p.reason ?? ''}`),
  }),
);
process.exit(0);
