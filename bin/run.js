#!/usr/bin/env node
// faultline's command-line entry: hands argv to src/cli/main (compiled in dist/), which runs the
// oclif command, maps how it ended to an exit code and exits once stdout and stderr have drained.
import { main } from '../dist/src/cli/main.js';

await main(process.argv.slice(2), import.meta.url);
