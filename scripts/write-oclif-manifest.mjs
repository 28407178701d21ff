#!/usr/bin/env node
// Writes oclif.manifest.json at the package root from the compiled commands in dist/ (run by
// `npm run build` after tsc). With the manifest, oclif knows every command's id, flags and help
// without importing the command files, so `faultline --version` or `faultline check` loads only
// the command it runs (and not dockerode, ssh2 and protobufjs, which the docker commands pull in).
// The manifest is a build product (.gitignore): a stale one would describe old flags.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true });
await plugin.load();
const out = join(root, 'oclif.manifest.json');
writeFileSync(out, `${JSON.stringify(plugin.manifest, null, 2)}\n`);
process.stdout.write(`oclif manifest: ${Object.keys(plugin.manifest.commands).length} commands → oclif.manifest.json\n`);
