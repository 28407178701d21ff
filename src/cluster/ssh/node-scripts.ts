/**
 * The shell scripts the ssh backend runs on a node, as pure functions. Every path comes from the
 * inventory (`dir`, schema-restricted to [A-Za-z0-9._/-]) or from faultline itself, addresses are
 * validated IPv4, and other text is single-quoted (`shellQuote`), so no input can inject shell syntax.
 *
 * On each node faultline owns one directory `dir` (e.g. /var/tmp/faultline). A run lives in
 * `dir/<runId>` (the store's data, logs, pidfile, saved firewall rules, config files), and every
 * change made outside plain files is first recorded, one per line, in the marker `dir/marker`:
 *   run <id>                    the run that owns the node
 *   basedir <dir>               `dir` did not exist before: remove it at the end
 *   rundir <dir>/<id>           removed at the end
 *   iptables <dir>/<id>/iptables.saved   the filter table before any change: restored at the end
 *   pidfile <dir>/<id>/pid      the daemon (a session leader, cwd in the run dir): killed at the end
 * `cleanupScript` undoes everything the marker lists (processes, then rules, then files, then the
 * marker); teardown, Ctrl-C and `faultline clean --backend ssh` all run it.
 */

/** shellQuote single-quotes `s` for sh. Pure. */
export function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** NodePaths are a run's paths on one node. */
export interface NodePaths {
  base: string;
  marker: string;
  run: string;
  pidfile: string;
  log: string;
  saved: string;
  /** The compiled clock interposer, and the offset file it reads. */
  interposer: string;
  clockFile: string;
}

/** nodePaths computes a run's paths under `base`. Pure. */
export function nodePaths(base: string, runId: string): NodePaths {
  const run = `${base}/${runId}`;
  return {
    base,
    marker: `${base}/marker`,
    run,
    pidfile: `${run}/pid`,
    log: `${run}/logs/store.log`,
    saved: `${run}/iptables.saved`,
    interposer: `${run}/clock/interposer.so`,
    clockFile: `${run}/clock/offset-ms`,
  };
}

/**
 * buildInterposerScript compiles the clock interposer (`source`, C) with the node's cc into the run
 * directory and writes a zero offset. Only files inside the run directory are created.
 */
export function buildInterposerScript(p: NodePaths, source: string): string {
  return [
    'set -e',
    `mkdir -p ${p.run}/clock`,
    `printf '%s' ${shellQuote(Buffer.from(source).toString('base64'))} | base64 -d > ${p.run}/clock/interposer.c`,
    `printf '0\\n' > ${p.clockFile}`,
    `cc -shared -fPIC -O2 -o ${p.interposer} ${p.run}/clock/interposer.c -ldl`,
  ].join('\n');
}

/** clockScript sets the offset (integer ms) the interposer reads. */
export function clockScript(p: NodePaths, offsetMs: number): string {
  return `printf '%s\\n' ${Math.round(offsetMs)} > ${p.clockFile}`;
}

/** PROBE_MARKERS are the words the probe script prints for what works. */
export const PROBE = { root: 'FL_ROOT', iptables: 'FL_IPTABLES', leftover: 'FL_LEFTOVER', cc: 'FL_CC' } as const;

/**
 * probeScript reports, one word per line, what the node offers: root rights, a working iptables
 * (filter table readable, save/restore present) and a leftover marker (its `run` line follows);
 * then `FL_MISSING <name>` for each of `binaries` not on PATH. Changes nothing.
 */
export function probeScript(p: NodePaths, binaries: readonly string[]): string {
  return [
    `[ "$(id -u)" = 0 ] && echo ${PROBE.root}`,
    `command -v iptables-save >/dev/null 2>&1 && command -v iptables-restore >/dev/null 2>&1 && iptables -S INPUT >/dev/null 2>&1 && echo ${PROBE.iptables}`,
    `[ -f ${p.marker} ] && { echo ${PROBE.leftover}; grep '^run ' ${p.marker} | head -n 1; }`,
    `command -v cc >/dev/null 2>&1 && echo ${PROBE.cc}`,
    ...binaries.map((b) => `command -v ${shellQuote(b)} >/dev/null 2>&1 || echo FL_MISSING ${shellQuote(b)}`),
    'true',
  ].join('\n');
}

/** FileWrite is a file the spec templates for a node: absolute path and content. */
export interface FileWrite {
  path: string;
  content: string;
  mode?: string;
}

/**
 * prepareScript claims the node for `runId`: writes the marker (noting whether `base` is new),
 * creates the run's directories, saves the filter table first when `saveIptables`, and writes the
 * spec's files. Fails if a marker is already there (another run, or leftovers to clean).
 */
export function prepareScript(p: NodePaths, runId: string, saveIptables: boolean, files: readonly FileWrite[]): string {
  const lines = [
    'set -e',
    'umask 022',
    `if [ -f ${p.marker} ]; then echo "a faultline marker is already there: $(head -n 1 ${p.marker})" >&2; exit 3; fi`,
    `if [ -d ${p.base} ]; then new=; else new=1; mkdir -p ${p.base}; fi`,
    `echo "run ${runId}" > ${p.marker}`,
    `[ -n "$new" ] && echo "basedir ${p.base}" >> ${p.marker}`,
    `echo "rundir ${p.run}" >> ${p.marker}`,
    `mkdir -p ${p.run}/data ${p.run}/logs`,
    `chmod 700 ${p.run}/data`,
  ];
  if (saveIptables) lines.push(`iptables-save -t filter > ${p.saved}`, `echo "iptables ${p.saved}" >> ${p.marker}`);
  for (const f of files) {
    lines.push(`mkdir -p "$(dirname ${shellQuote(f.path)})"`);
    lines.push(`printf '%s' ${shellQuote(Buffer.from(f.content).toString('base64'))} | base64 -d > ${shellQuote(f.path)}`);
    if (f.mode !== undefined) lines.push(`chmod ${shellQuote(f.mode)} ${shellQuote(f.path)}`);
  }
  lines.push('true');
  return lines.join('\n');
}

/**
 * startScript starts `command` (argv) with `env` as a daemon in its own session, cwd the run dir,
 * output appended to the log, and writes its pid to the pidfile (recorded in the marker). Fails if
 * the pidfile's process is still alive.
 */
export function startScript(p: NodePaths, command: readonly string[], env: Readonly<Record<string, string>>): string {
  const envArgs = Object.entries(env).map(([k, v]) => shellQuote(`${k}=${v}`));
  return [
    'set -e',
    `cd ${p.run}`,
    `if [ -f ${p.pidfile} ] && kill -0 "$(cat ${p.pidfile})" 2>/dev/null; then echo "already running" >&2; exit 1; fi`,
    `grep -qx "pidfile ${p.pidfile}" ${p.marker} || echo "pidfile ${p.pidfile}" >> ${p.marker}`,
    `env ${envArgs.join(' ')} setsid ${command.map(shellQuote).join(' ')} >> ${p.log} 2>&1 < /dev/null &`,
    `echo $! > ${p.pidfile}`,
  ].join('\n');
}

/** signalScript sends `signal` (KILL, STOP, CONT) to the daemon's process group; with KILL it waits (≤ 5 s) until it is gone. */
export function signalScript(p: NodePaths, signal: 'KILL' | 'STOP' | 'CONT'): string {
  const lines = [`[ -f ${p.pidfile} ] || exit 0`, `pid=$(cat ${p.pidfile})`, `kill -${signal} -"$pid" 2>/dev/null || kill -${signal} "$pid" 2>/dev/null || true`];
  if (signal === 'KILL') lines.push('i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done', `rm -f ${p.pidfile}`);
  return lines.join('\n');
}

/**
 * networkScript puts back the saved filter table, then adds one DROP rule per address in
 * `dropFrom` and one random-drop rule per address in `lossFrom` (probability `loss`). Addresses
 * must be validated IPv4 (the caller checks); with both lists empty it heals.
 */
export function networkScript(p: NodePaths, dropFrom: readonly string[], lossFrom: readonly string[], loss: number): string {
  const lines = ['set -e', `iptables-restore < ${p.saved}`];
  for (const ip of dropFrom) lines.push(`iptables -I INPUT 1 -s ${ip} -j DROP`);
  for (const ip of lossFrom) lines.push(`iptables -I INPUT 1 -s ${ip} -m statistic --mode random --probability ${loss.toFixed(4)} -j DROP`);
  return lines.join('\n');
}

/**
 * cleanupScript undoes everything `base/marker` lists, in order: the daemons (SIGCONT then SIGKILL
 * to the process group, only if the process's cwd is still the run dir or below it: a reused pid
 * is never killed), the saved filter table,
 * the run dirs, the marker, and `base` when faultline created it. Prints `FL_CLEANED <run>` or
 * `FL_NOTHING`. Safe to run twice.
 */
export function cleanupScript(base: string): string {
  const marker = `${base}/marker`;
  return `M=${marker}
if [ ! -f "$M" ]; then echo FL_NOTHING; exit 0; fi
run=$(sed -n 's/^run //p' "$M" | head -n 1)
while read -r kind value; do
  if [ "$kind" = pidfile ] && [ -f "$value" ]; then
    pid=$(cat "$value"); d=\${value%/*}
    case "$(readlink /proc/"$pid"/cwd 2>/dev/null)/" in "$d"/*) own=1 ;; *) own= ;; esac
    if [ -n "$own" ]; then
      kill -CONT -"$pid" 2>/dev/null; kill -CONT "$pid" 2>/dev/null
      kill -KILL -"$pid" 2>/dev/null; kill -KILL "$pid" 2>/dev/null
      i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
    fi
  fi
done < "$M"
status=0
while read -r kind value; do
  if [ "$kind" = iptables ] && [ -f "$value" ]; then iptables-restore < "$value" || status=1; fi
done < "$M"
basedir=
while read -r kind value; do
  case "$kind" in
    rundir) rm -rf -- "$value" ;;
    basedir) basedir=$value ;;
  esac
done < "$M"
if [ $status -ne 0 ]; then echo "could not restore the saved iptables rules; the marker is kept" >&2; exit 1; fi
rm -f "$M"
[ -n "$basedir" ] && rmdir -- "$basedir" 2>/dev/null
echo "FL_CLEANED $run"`;
}

/** tailScript prints the last `maxBytes` of the store's log (nothing if there is none). */
export function tailScript(p: NodePaths, maxBytes = 20_000_000): string {
  return `[ -f ${p.log} ] && tail -c ${maxBytes} ${p.log} || true`;
}
