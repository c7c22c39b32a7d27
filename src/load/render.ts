import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative, resolve as resolvePath, isAbsolute } from 'node:path';
import type { SourceLocation } from '../model/types.js';
import { readTextFile } from './read-file.js';
import { pointerTokens } from '../base/yaml-document.js';

/** Finds an executable on PATH (no shell involved). */
export function findExecutable(name: string, pathEnv = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/** Output of a renderer run: its standard output, or why there is none to scan. */
export type RenderOutcome =
  | { ok: true; bytes: Buffer }
  | { ok: false; code: 'input/render-failed' | 'input/too-large'; message: string };

/** What replaces a hidden value in messages. */
export const REDACTED = '***';

/** Values shorter than this are not hidden: `1`, `on`, `yes` are not credentials, and hiding them garbles messages. */
const MIN_SECRET_LENGTH = 4;

/** One `key=value` of a `--set` argument; `value` is undefined for a piece without `=`. */
interface SetAssignment {
  key: string;
  /** The value as written (escapes kept), or undefined when the piece has no `=`. */
  value?: string;
  /** For a list value (`{a,b}`), its items as written. */
  items?: string[];
}

/**
 * Splits a `--set` argument the way helm's strvals parser reads it: assignments are separated by commas not
 * escaped with a backslash, and a value written `{a,b}` is a list whose commas separate items, not
 * assignments.
 */
function parseSetArgument(text: string): SetAssignment[] {
  const out: SetAssignment[] = [];
  let i = 0;
  // Reads up to (not including) the first unescaped character of `stops`.
  const readUntil = (stops: string): string => {
    const start = i;
    while (i < text.length && !stops.includes(text.charAt(i))) i += text.charAt(i) === '\\' ? 2 : 1;
    i = Math.min(i, text.length);
    return text.slice(start, i);
  };
  while (i <= text.length) {
    const key = readUntil('=,');
    if (text.charAt(i) !== '=') {
      out.push({ key });
      i++;
      continue;
    }
    i++;
    if (text.charAt(i) === '{') {
      const start = i;
      i++;
      const items: string[] = [];
      for (;;) {
        items.push(readUntil(',}'));
        if (i >= text.length || text.charAt(i) === '}') break;
        i++;
      }
      i++;
      // Whatever follows the list up to the next comma belongs to it (helm rejects it, and may echo it).
      const rest = readUntil(',');
      out.push({ key, value: text.slice(start, i - rest.length) + rest, items });
    } else out.push({ key, value: readUntil(',') });
    i++;
  }
  return out;
}

/**
 * A `--set` argument as it may be shown: every value is replaced by {@link REDACTED}, keys are kept
 * (`db.password=s3cret,replicas=2` → `db.password=***,replicas=***`, `hosts={a,b}` → `hosts=***`). A piece
 * without `=` may be the tail of a value that held a comma, so it is hidden whole.
 */
export function redactSetArgument(assignments: string): string {
  return parseSetArgument(assignments)
    .map((a) => (a.value === undefined ? REDACTED : `${a.key}=${REDACTED}`))
    .join(',');
}

/** Adds `value` (and its unescaped form: helm's messages may show either) to `into` when long enough. */
function addSecret(into: Set<string>, value: string): void {
  for (const form of [value, value.replace(/\\(.)/g, '$1')]) {
    const trimmed = form.trim();
    if (trimmed.length >= MIN_SECRET_LENGTH) into.add(trimmed);
  }
}

/**
 * The values of `--set` (or `--set-string`) arguments that must not appear in any message: each value, and
 * each item of a list value (`a={x,y}`). Values shorter than four characters (`1`, `on`, `yes`) are left
 * out: hiding them would garble helm's messages and they are not credentials. Longest first, so that a value
 * containing another is hidden whole.
 */
export function setValues(sets: readonly string[]): string[] {
  const values = new Set<string>();
  for (const argument of sets) {
    for (const a of parseSetArgument(argument)) {
      addSecret(values, a.value ?? a.key);
      for (const item of a.items ?? []) addSecret(values, item);
    }
  }
  return sortSecrets(values);
}

/**
 * Strings to hide from a text that is itself secret (a `--set-file` file, a generator literal): the whole
 * text and each of its lines, so that a message quoting one line hides it too.
 */
export function textSecrets(texts: readonly string[]): string[] {
  const values = new Set<string>();
  for (const text of texts) {
    addSecret(values, text);
    for (const line of text.split(/\r?\n/)) addSecret(values, line);
  }
  return sortSecrets(values);
}

/** Longest first, so that a secret containing another is hidden whole. */
export function sortSecrets(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}

/** Replaces every occurrence of each secret in `text` with {@link REDACTED}. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * Flags whose next argument is `key=value` data to hide when a command line is shown. `--set-file` names a
 * path, which is shown; the file's text is what is hidden.
 */
const VALUE_FLAGS = new Set(['--set', '--set-string']);

/** A command line as shown in messages: the values of `--set` and `--set-string` are hidden. */
export function displayCommand(binary: string, args: readonly string[]): string {
  return [
    binary,
    ...args.map((arg, i) => (VALUE_FLAGS.has(args[i - 1] ?? '') ? redactSetArgument(arg) : arg)),
  ].join(' ');
}

/** How a renderer is run. */
export interface RunRendererOptions {
  /** Stop the renderer (its whole process group) after this many milliseconds. */
  timeoutMs: number;
  /** Stop the renderer once its standard output exceeds this many bytes. */
  maxOutputBytes: number;
  /** Strings hidden from every message (values given on the command line, generator literals). */
  secrets?: readonly string[];
  /** The renderer's environment (default: kubeward's). */
  env?: NodeJS.ProcessEnv;
}

/** How long a renderer may run unless told otherwise (`--render-timeout`). */
export const DEFAULT_RENDER_TIMEOUT_MS = 120_000;

// How much of a failing renderer's standard error is kept for the message (only its first lines are shown).
const MAX_STDERR_BYTES = 64 * 1024;

// Process groups of the renderers running now, killed if kubeward itself is interrupted: they run detached
// (in a group of their own, so that a timeout can end their children too), so the terminal's Ctrl-C does not
// reach them.
const runningGroups = new Set<number>();

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

function onTerminatingSignal(signal: NodeJS.Signals): void {
  for (const pid of runningGroups) killGroup(pid);
  runningGroups.clear();
  removeSignalHandlers();
  // Die of the same signal, as kubeward would have without the handler.
  process.kill(process.pid, signal);
}

const TERMINATING_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

let handlersInstalled = false;

function addSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of TERMINATING_SIGNALS) process.on(signal, onTerminatingSignal);
}

function removeSignalHandlers(): void {
  handlersInstalled = false;
  for (const signal of TERMINATING_SIGNALS) process.removeListener(signal, onTerminatingSignal);
}

/** A duration in milliseconds as shown in messages (`120 s`, `0.5 s`). */
function seconds(ms: number): string {
  return `${ms / 1000} s`;
}

/**
 * Runs a renderer and captures its standard output, never more than `maxOutputBytes` of it and never for
 * longer than `timeoutMs`. The renderer runs in a process group of its own, and the whole group is killed when
 * it is stopped (timeout, too much output) and once it exits, so that no process it started outlives the run.
 * When it fails, the message names the command (with `--set` values hidden) and the first lines of its
 * standard error, with every string in `secrets` hidden: values given on the command line must not reach a
 * report. Never rejects.
 */
export function runRenderer(
  binary: string,
  args: string[],
  options: RunRendererOptions,
): Promise<RenderOutcome> {
  const secrets = options.secrets ?? commandLineSecrets(args);
  const shown = displayCommand(binary, args);
  return new Promise((resolve) => {
    // The handlers are in place before the renderer starts: a signal that arrives while it is being started
    // is then handled once the group is registered below, instead of killing kubeward with the group alive.
    addSignalHandlers();
    let child;
    try {
      child = spawn(binary, args, {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: options.env ?? process.env,
      });
    } catch (error) {
      if (runningGroups.size === 0) removeSignalHandlers();
      resolve({
        ok: false,
        code: 'input/render-failed',
        message: redact(
          `${shown} failed: ${String((error as NodeJS.ErrnoException).code ?? error)}`,
          secrets,
        ),
      });
      return;
    }
    const pid = child.pid;
    const out: Buffer[] = [];
    let outBytes = 0;
    const err: Buffer[] = [];
    let errBytes = 0;
    let stopped: RenderOutcome | undefined;
    let settled = false;
    if (pid !== undefined) runningGroups.add(pid);
    else if (runningGroups.size === 0) removeSignalHandlers();
    const release = (): void => {
      if (pid === undefined || !runningGroups.has(pid)) return;
      killGroup(pid);
      runningGroups.delete(pid);
      if (runningGroups.size === 0) removeSignalHandlers();
    };
    const finish = (outcome: RenderOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      release();
      resolve(outcome.ok ? outcome : { ...outcome, message: redact(outcome.message, secrets) });
    };
    // Stops the renderer (its whole group) now and reports `outcome`; what it wrote so far is dropped.
    const stop = (outcome: RenderOutcome): void => {
      if (stopped) return;
      stopped = outcome;
      release();
      child.stdout?.destroy();
      child.stderr?.destroy();
      finish(outcome);
    };
    const timer = setTimeout(() => {
      stop({
        ok: false,
        code: 'input/render-failed',
        message: `${shown} failed: timed out after ${seconds(options.timeoutMs)} (--render-timeout); stopped`,
      });
    }, options.timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > options.maxOutputBytes) {
        stop({
          ok: false,
          code: 'input/too-large',
          message: `${shown} wrote more than the ${options.maxOutputBytes}-byte limit (--max-file-size); stopped, not scanned`,
        });
      } else out.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (errBytes < MAX_STDERR_BYTES) err.push(chunk);
      errBytes += chunk.length;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish({
        ok: false,
        code: 'input/render-failed',
        message: `${shown} failed: ${error.code ?? error.message}`,
      });
    });
    // Once the renderer itself has exited, anything it left running is ended, so that its pipes close.
    child.on('exit', () => release());
    child.on('close', (code, signal) => {
      if (stopped) return;
      if (code === 0) {
        finish({ ok: true, bytes: Buffer.concat(out, outBytes) });
        return;
      }
      // Node's own error message repeats the raw command line, so it is not used.
      const reason = code === null ? `killed by ${String(signal)}` : `exit code ${code}`;
      const stderr = Buffer.concat(err).subarray(0, MAX_STDERR_BYTES).toString('utf8').trim();
      const detail = (stderr || reason).split('\n').slice(0, 5).join(' | ');
      finish({ ok: false, code: 'input/render-failed', message: `${shown} failed: ${detail}` });
    });
  });
}

/** The secrets of a renderer command line: the values of its `--set` and `--set-string` arguments. */
export function commandLineSecrets(args: readonly string[]): string[] {
  return setValues(args.filter((_, i) => args[i - 1] === '--set' || args[i - 1] === '--set-string'));
}

/** The renderer to use for Kustomize directories, or undefined when none is installed. */
export function kustomizeCommand(
  dir: string,
  override?: string,
): { binary: string; args: string[] } | undefined {
  // Only `build DIR` is ever passed: no --enable-helm, --enable-exec, --enable-alpha-plugins or
  // --load-restrictor, so a kustomization cannot run programs, inflate charts or read outside its root.
  const explicit = override ?? process.env.KUBEWARD_KUSTOMIZE;
  if (explicit)
    return explicit.endsWith('kubectl')
      ? { binary: explicit, args: ['kustomize', dir] }
      : { binary: explicit, args: ['build', dir] };
  const kustomize = findExecutable('kustomize');
  if (kustomize) return { binary: kustomize, args: ['build', dir] };
  const kubectl = findExecutable('kubectl');
  if (kubectl) return { binary: kubectl, args: ['kustomize', dir] };
  return undefined;
}

/** The helm binary to use, or undefined when none is installed. */
export function helmBinary(override?: string): string | undefined {
  return override ?? process.env.KUBEWARD_HELM ?? findExecutable('helm');
}

/** Values given to `helm template` on the command line. */
export interface HelmValueArguments {
  /** `--values` files. */
  values: readonly string[];
  /** `--set` assignments. */
  set: readonly string[];
  /** `--set-string` assignments. */
  setString?: readonly string[];
  /** `--set-file` assignments (`key=path`). */
  setFile?: readonly string[];
}

/** Arguments for `helm template` of a chart directory. */
export function helmTemplateArgs(dir: string, values: HelmValueArguments): string[] {
  return [
    'template',
    dir,
    ...values.values.flatMap((v) => ['--values', v]),
    ...values.set.flatMap((s) => ['--set', s]),
    ...(values.setString ?? []).flatMap((s) => ['--set-string', s]),
    ...(values.setFile ?? []).flatMap((s) => ['--set-file', s]),
  ];
}

/**
 * Runs `fn` with an environment for helm whose configuration, cache, data and plugin directories are a new
 * empty directory (removed afterwards), and every other `HELM_*` variable dropped: rendering then uses no
 * repository credentials, registry logins or plugins of the user's, and leaves nothing behind.
 */
export async function withIsolatedHelmEnvironment<T>(
  fn: (env: NodeJS.ProcessEnv) => Promise<T>,
  base: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  const home = mkdtempSync(join(tmpdir(), 'kubeward-helm-'));
  try {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(base)) if (!key.startsWith('HELM_')) env[key] = value;
    env.HELM_CONFIG_HOME = join(home, 'config');
    env.HELM_CACHE_HOME = join(home, 'cache');
    env.HELM_DATA_HOME = join(home, 'data');
    env.HELM_PLUGINS = join(home, 'plugins');
    return await fn(env);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const SOURCE_COMMENT = /^# Source: (.+?)\s*$/m;

/**
 * For rendered Helm output: maps each document to the template file named in its `# Source:` comment.
 * Lines are found by following the pointer's keys through the template text in order, which lands on the
 * right line for the usual one-key-per-line templates, and on the nearest matching parent otherwise.
 * A template can print any `# Source:` line, so only a file inside the chart directory is read, through the
 * one reader and at most `maxFileSize` bytes of it.
 */
export function helmSourceRedirect(
  chartDir: string,
  maxFileSize: number,
): (chunk: string) => ((pointer: string) => SourceLocation) | undefined {
  const cache = new Map<string, string | null>();
  return (chunk) => {
    const match = SOURCE_COMMENT.exec(chunk);
    if (!match?.[1]) return undefined;
    // The path starts with the chart's name; the rest is relative to the chart directory.
    const relativePath = match[1].split('/').slice(1).join('/');
    const inside = relative(resolvePath(chartDir), resolvePath(chartDir, relativePath));
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
    const file = join(chartDir, relativePath);
    let text = cache.get(file);
    if (text === undefined) {
      const read = readTextFile(file, { maxBytes: maxFileSize });
      text = read.ok ? read.text : null;
      cache.set(file, text);
    }
    const templateText = text;
    return (pointer) => ({ file, ...approximateLine(templateText, pointer) });
  };
}

function approximateLine(text: string | null, pointer: string): { line: number; column: number } {
  if (text === null) return { line: 1, column: 1 };
  const lines = text.split('\n');
  let best = { line: 1, column: 1 };
  let from = 0;
  for (const token of pointerTokens(pointer)) {
    if (/^\d+$/.test(token)) continue;
    const keyPattern = new RegExp(`^(\\s*(?:-\\s+)?)${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
    let found = -1;
    for (let i = from; i < lines.length; i++) {
      const m = keyPattern.exec(lines[i] ?? '');
      if (m) {
        found = i;
        best = { line: i + 1, column: (m[1]?.length ?? 0) + 1 };
        break;
      }
    }
    if (found === -1) break;
    from = found + 1;
  }
  return best;
}
