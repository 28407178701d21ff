// Shared by the lab tests: start `faultline lab` through the built binary (run `npm run build`
// first) and wait for the line that says where its page is.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** BIN is the built CLI. */
export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/run.js');

function spawnLab(args: string[], env: Record<string, string>) {
  return execa(process.execPath, [BIN, 'lab', ...args], { env, reject: false, all: true });
}

/** startLab runs `faultline lab ARGS` and resolves with the process and its page's URL once it serves. */
export async function startLab(args: string[], env: Record<string, string>): Promise<{ lab: ReturnType<typeof spawnLab>; url: string }> {
  const lab = spawnLab(args, env);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    lab.all.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m !== null) resolve(m[1]!);
    });
    void lab.then((r) => reject(new Error(`faultline lab exited ${r.exitCode}: ${r.all}`)));
  });
  return { lab, url };
}
