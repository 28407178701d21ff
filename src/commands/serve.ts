import { Flags } from '@oclif/core';
import { resolve } from 'node:path';
import { BaseCommand } from '../cli/base-command.js';
import { listRuns } from '../report/list-runs.js';
import { serveStore } from '../report/serve-store.js';

/** Serve lists every run of the store on a local web page (127.0.0.1 only), linking to the reports. */
export default class Serve extends BaseCommand {
  static override summary = 'Serve a local page listing every run in the store, with verdicts and reports.';
  static override description = `Listens on 127.0.0.1 only. The page lists each run (test name, start time, verdict from
results.json) and links to its report.html (rendered on first open when a run has none) and raw files.
Stop with Ctrl-C.`;
  static override examples = ['<%= config.bin %> serve', '<%= config.bin %> serve --store /data/store --port 9000'];
  static override flags = {
    store: Flags.string({ default: 'store', description: 'store directory (as given to `faultline test --store`)' }),
    port: Flags.integer({ min: 0, max: 65535, default: 8080, description: 'port on 127.0.0.1 (0 = any free port)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Serve);
    const store = resolve(flags.store);
    const runs = await listRuns(store);
    const started = await serveStore(store, flags.port);
    this.log(`serving ${runs.length} runs of ${store} at ${started.url} (Ctrl-C to stop)`);
    await new Promise<void>((done) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void started.close().then(done);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  }
}
