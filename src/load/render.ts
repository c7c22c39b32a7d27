import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { SourceLocation } from '../model/types.js';
import { pointerTokens } from './yaml-document.js';

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

/** Output of a renderer run. */
export type RenderOutcome = { ok: true; text: string } | { ok: false; message: string };

/** What replaces a hidden value in messages. */
export const REDACTED = '***';

// The pieces of one `--set` argument: helm splits `a=1,b=2` on commas not escaped with a backslash.
function setPieces(assignments: string): string[] {
  return assignments.split(/(?<!\\),/);
}

/**
 * A `--set` argument as it may be shown: every value is replaced by {@link REDACTED}, keys are kept
 * (`db.password=s3cret,replicas=2` → `db.password=***,replicas=***`). A piece without `=` may be the tail of
 * a value that held a comma, so it is hidden whole.
 */
export function redactSetArgument(assignments: string): string {
  return setPieces(assignments)
    .map((piece) => {
      const eq = piece.indexOf('=');
      return eq === -1 ? REDACTED : `${piece.slice(0, eq)}=${REDACTED}`;
    })
    .join(',');
}

/**
 * The values of `--set` arguments that must not appear in any message. Values shorter than four characters
 * (`1`, `on`, `yes`) are left out: hiding them would garble helm's messages and they are not credentials.
 */
export function setValues(sets: readonly string[]): string[] {
  const values = new Set<string>();
  for (const assignments of sets) {
    for (const piece of setPieces(assignments)) {
      const eq = piece.indexOf('=');
      const value = eq === -1 ? piece : piece.slice(eq + 1);
      if (value.length >= 4) values.add(value);
      // helm reads `\,` as a comma; its messages may show either form.
      if (value.includes('\\,') && value.length >= 4) values.add(value.replace(/\\,/g, ','));
    }
  }
  // Longest first, so a value containing another is hidden whole.
  return [...values].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of each secret in `text` with {@link REDACTED}. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}

/** A command line as shown in messages: the values of `--set` arguments are hidden. */
export function displayCommand(binary: string, args: readonly string[]): string {
  return [binary, ...args.map((arg, i) => (args[i - 1] === '--set' ? redactSetArgument(arg) : arg))].join(
    ' ',
  );
}

/**
 * Runs a renderer and captures its standard output. When it fails, the message names the command (with
 * `--set` values hidden) and the first lines of its standard error, with every string in `secrets` hidden:
 * values given on the command line must not reach a report.
 */
export function runRenderer(
  binary: string,
  args: string[],
  timeoutMs = 120_000,
  secrets: readonly string[] = setValues(args.filter((_, i) => args[i - 1] === '--set')),
): Promise<RenderOutcome> {
  return new Promise((resolve) => {
    execFile(
      binary,
      args,
      { maxBuffer: 512 * 1024 * 1024, timeout: timeoutMs, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          // Node's own error message repeats the raw command line, so it is not used.
          const reason = error.killed
            ? `timed out after ${timeoutMs / 1000} s`
            : typeof error.code === 'string'
              ? error.code
              : `exit code ${String(error.code ?? error.signal)}`;
          const detail = (stderr.trim() || reason).split('\n').slice(0, 5).join(' | ');
          resolve({
            ok: false,
            message: redact(`${displayCommand(binary, args)} failed: ${detail}`, secrets),
          });
        } else resolve({ ok: true, text: stdout });
      },
    );
  });
}

/** The renderer to use for Kustomize directories, or undefined when none is installed. */
export function kustomizeCommand(
  dir: string,
  override?: string,
): { binary: string; args: string[] } | undefined {
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

/** Arguments for `helm template` of a chart directory. */
export function helmTemplateArgs(dir: string, values: readonly string[], sets: readonly string[]): string[] {
  return ['template', dir, ...values.flatMap((v) => ['--values', v]), ...sets.flatMap((s) => ['--set', s])];
}

const SOURCE_COMMENT = /^# Source: (.+?)\s*$/m;

/**
 * For rendered Helm output: maps each document to the template file named in its `# Source:` comment.
 * Lines are found by following the pointer's keys through the template text in order, which lands on the
 * right line for the usual one-key-per-line templates, and on the nearest matching parent otherwise.
 */
export function helmSourceRedirect(
  chartDir: string,
): (chunk: string) => ((pointer: string) => SourceLocation) | undefined {
  const cache = new Map<string, string | null>();
  return (chunk) => {
    const match = SOURCE_COMMENT.exec(chunk);
    if (!match?.[1]) return undefined;
    // The path starts with the chart's name; the rest is relative to the chart directory.
    const relative = match[1].split('/').slice(1).join('/');
    const file = join(chartDir, relative);
    let text = cache.get(file);
    if (text === undefined) {
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        text = null;
      }
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
