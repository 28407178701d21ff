/**
 * scriptArgs: the command line of the bench scripts that run faultline once per seed
 * (`--name value` options, then `--` and flags passed through to faultline), with `--seeds`
 * parsed (a comma list of non-negative integers, default 1,2,3; a bad list exits 3 naming `script`).
 */
export interface ScriptArgs {
  /** The value after `--name` before `--`, if given. */
  arg(name: string): string | undefined;
  passThrough: string[];
  seeds: number[];
}

export function scriptArgs(script: string, argv: readonly string[] = process.argv.slice(2)): ScriptArgs {
  const dash = argv.indexOf('--');
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  const passThrough = dash >= 0 ? argv.slice(dash + 1) : [];
  const arg = (name: string): string | undefined => {
    const i = own.indexOf(`--${name}`);
    return i >= 0 ? own[i + 1] : undefined;
  };
  const seeds = (arg('seeds') ?? '1,2,3').split(',').map(Number);
  if (seeds.some((s) => !Number.isInteger(s) || s < 0)) {
    console.error(`${script}: --seeds must be a comma list of non-negative integers`);
    process.exit(3);
  }
  return { arg, passThrough: [...passThrough], seeds };
}
