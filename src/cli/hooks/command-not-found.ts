/**
 * command_not_found hook: an unknown command is a usage error (exit 3, one line), not oclif's exit 2,
 * which faultline reserves for the "unknown" verdict.
 */
import type { Hook } from '@oclif/core';

const hook: Hook<'command_not_found'> = async function (opts) {
  const known = opts.config.commandIDs.map((id) => id.replaceAll(':', ' '));
  process.stderr.write(`faultline: unknown command "${opts.id.replaceAll(':', ' ')}"\n`);
  process.stderr.write(`hint: commands are ${known.sort().join(', ')}; see \`faultline --help\`\n`);
  process.exit(3);
};

export default hook;
