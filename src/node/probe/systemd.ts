import { splitCommandLine } from '../flags.js';
import type { HostFs } from './host.js';

/** Unit directories in systemd's precedence order (earlier wins for a unit of the same name). */
export const UNIT_DIRS = [
  '/etc/systemd/system',
  '/run/systemd/system',
  '/usr/lib/systemd/system',
  '/lib/systemd/system',
];

/** A unit's files and the command it starts. */
export interface UnitCommand {
  /** The unit file and its drop-ins, in the order systemd applies them. */
  files: string[];
  /** ExecStart after environment expansion, or null when the unit has none. */
  argv: string[] | null;
  /** Environment files the unit reads (whether or not they exist). */
  environmentFiles: string[];
}

/**
 * Reads a systemd service (`kubelet.service`) with its drop-ins (`kubelet.service.d/*.conf`, a drop-in in a
 * higher-precedence directory replacing one of the same name, applied in file-name order) and expands
 * `$VAR`/`${VAR}` in ExecStart from `Environment=` and `EnvironmentFile=` as systemd does: a word that is
 * just `$VAR` splits into the value's words, `${VAR}` inside a word is substituted in place.
 */
export function readUnit(fs: HostFs, name: string): UnitCommand | null {
  const main = UNIT_DIRS.map((d) => `${d}/${name}`).find((p) => fs.exists(p));
  const dropIns = new Map<string, string>();
  for (const dir of [...UNIT_DIRS].reverse()) {
    for (const entry of fs.list(`${dir}/${name}.d`))
      if (entry.endsWith('.conf')) dropIns.set(entry, `${dir}/${name}.d/${entry}`);
  }
  if (!main && dropIns.size === 0) return null;
  const files = [...(main ? [main] : []), ...[...dropIns.keys()].sort().map((k) => dropIns.get(k) as string)];
  let exec: string[] = [];
  const env = new Map<string, string>();
  const envFiles: string[] = [];
  for (const file of files) {
    const text = fs.readText(file);
    if (typeof text !== 'string') continue;
    let section = '';
    for (const line of joinContinuations(text)) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
      const header = /^\[(.+)\]$/.exec(trimmed);
      if (header) {
        section = header[1] as string;
        continue;
      }
      if (section !== 'Service') continue;
      const eq = trimmed.indexOf('=');
      if (eq < 0) continue;
      const key = trimmed.slice(0, eq).trim();
      const value = trimmed.slice(eq + 1).trim();
      if (key === 'ExecStart') exec = value === '' ? [] : [...exec, value];
      else if (key === 'Environment') {
        for (const word of splitCommandLine(value)) {
          const at = word.indexOf('=');
          if (at > 0) env.set(word.slice(0, at), word.slice(at + 1));
        }
      } else if (key === 'EnvironmentFile') envFiles.push(value.replace(/^-/, ''));
    }
  }
  for (const path of envFiles) {
    const text = fs.readText(path);
    if (typeof text === 'string') for (const [k, v] of parseEnvFile(text)) env.set(k, v);
  }
  // A service has one ExecStart (more only for Type=oneshot); the last one is the command that runs.
  const line = exec.at(-1);
  return {
    files,
    argv: line === undefined ? null : expand(line.replace(/^[-@+!:]+/, ''), env),
    environmentFiles: envFiles,
  };
}

function joinContinuations(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.endsWith('\\')) pending += `${line.slice(0, -1)} `;
    else {
      out.push(pending + line);
      pending = '';
    }
  }
  if (pending) out.push(pending);
  return out;
}

/** Parses an environment file (`KEY=value`, quotes, comments) as systemd reads it. */
export function parseEnvFile(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of joinContinuations(text)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m || line.trim().startsWith('#')) continue;
    let value = (m[2] as string).trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))
      value = value.slice(1, -1);
    env.set(m[1] as string, value);
  }
  return env;
}

function expand(line: string, env: Map<string, string>): string[] {
  const out: string[] = [];
  for (const word of splitCommandLine(line)) {
    const whole = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(word);
    if (whole) {
      out.push(...splitCommandLine(env.get(whole[1] as string) ?? ''));
      continue;
    }
    out.push(word.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env.get(name) ?? ''));
  }
  return out;
}
