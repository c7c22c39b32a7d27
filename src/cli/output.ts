import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError, UsageError } from '../base/errors.js';
import type { ReportWriter } from '../report/writer.js';

/** How {@link writeOutput} may treat the output path. */
export interface OutputOptions {
  /**
   * Files the command reads (its path arguments, values and config files). The output may not be one of
   * them: `kubeward scan in.yaml -o in.yaml` would replace the manifest with the report.
   */
  inputs?: readonly string[];
  /** Replace an output path that is a symbolic link (the link itself; the file it points to is not touched). */
  force?: boolean;
}

/** Whether an `-o` value means standard output: no value, an empty one, or `-`. */
export function isStdout(file: string | undefined): file is undefined | '' | '-' {
  return file === undefined || file === '' || file === '-';
}

/**
 * Refuses an output path before any work is done, so that a mistake costs no scan:
 * - a symbolic link, unless `force` (a committed `results.sarif -> ../victim` would otherwise receive the
 *   report; with `force` the link is replaced, never written through);
 * - one of `inputs`, compared by real path (so `./in.yaml`, `in.yaml` and a link to it are the same file).
 * Both are {@link UsageError}s (exit 2). Standard output (`-`) is always accepted.
 */
export function checkOutput(file: string | undefined, options: OutputOptions = {}): void {
  if (isStdout(file)) return;
  let link = false;
  try {
    link = lstatSync(file).isSymbolicLink();
  } catch {
    // A path that does not exist yet is the usual case.
  }
  if (link && !options.force)
    throw new UsageError(
      `refusing to write ${file}: it is a symbolic link (pass --force to replace the link with the output)`,
    );
  const target = outputIdentity(file, link);
  const exists = realOrUndefined(file) !== undefined;
  for (const input of options.inputs ?? []) {
    if (isStdout(input)) continue;
    const real = realOrUndefined(input);
    if (real === undefined) continue;
    if (real === target) throw new UsageError(`refusing to write ${file}: it is the input ${input}`);
    // An existing manifest inside a directory being scanned is an input too (`scan dir/ -o dir/a.yaml`).
    if (
      exists &&
      MANIFEST_NAME.test(target) &&
      target.startsWith(real.endsWith(sep) ? real : real + sep) &&
      isDirectory(real)
    )
      throw new UsageError(`refusing to write ${file}: it is read as an input under ${input}`);
  }
}

// The names a directory walk reads (see load/inputs.ts).
const MANIFEST_NAME = /\.(ya?ml|json)$/i;

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// The file the output would replace: the real path of its directory plus its name (a forced link is replaced
// itself, so its target is not resolved), or its own real path when it exists and is not a link.
function outputIdentity(file: string, link: boolean): string {
  if (!link) {
    const real = realOrUndefined(file);
    if (real !== undefined) return real;
  }
  const dir = realOrUndefined(dirname(file)) ?? resolve(dirname(file));
  return join(dir, basename(file));
}

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

// Chunks are gathered up to this size before each write system call.
const BUFFER_CHARS = 64 * 1024;

/**
 * Writes what `produce` writes to `file`, or to standard output when `file` is undefined, empty or `-`.
 * The output is checked first ({@link checkOutput}), then streamed: to standard output as it comes, to a file
 * through a temporary file in the same directory that is renamed over `file` only once complete, so a
 * failed run never leaves a half-written report and a reader never sees one. A file that cannot be written
 * (missing directory, a directory, no permission) is an {@link InputError} `cannot write FILE: REASON`.
 */
export function writeOutputWith(
  file: string | undefined,
  options: OutputOptions,
  produce: (out: ReportWriter) => void,
): void {
  checkOutput(file, options);
  if (isStdout(file)) {
    const out = new BufferedWriter((chunk) => process.stdout.write(chunk));
    produce(out);
    out.flush();
    return;
  }
  writeFileAtomically(file, produce);
}

/** {@link writeOutputWith} for output already held as one string. */
export function writeOutput(file: string | undefined, text: string, options: OutputOptions = {}): void {
  writeOutputWith(file, options, (out) => out.write(text));
}

function writeFileAtomically(file: string, produce: (out: ReportWriter) => void): void {
  let existingMode: number | undefined;
  try {
    const stat = statSync(file);
    if (stat.isDirectory())
      throw new InputError(`cannot write ${file}: EISDIR: illegal operation on a directory`);
    if (stat.isFile() && !lstatSync(file).isSymbolicLink()) existingMode = stat.mode & 0o7777;
  } catch (error) {
    if (error instanceof InputError) throw error;
  }
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number;
  try {
    // `wx`: never follow or reuse something already at the temporary name.
    fd = openSync(temp, 'wx', 0o666);
  } catch (error) {
    throw new InputError(`cannot write ${file}: ${writeErrorReason(error)}`);
  }
  let done = false;
  try {
    const out = new BufferedWriter((chunk) => {
      const bytes = Buffer.from(chunk, 'utf8');
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    });
    produce(out);
    out.flush();
    // A report that replaces an existing file keeps that file's permissions.
    if (existingMode !== undefined) fchmodSync(fd, existingMode);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, file);
    done = true;
  } catch (error) {
    if (error instanceof Error && 'code' in error)
      throw new InputError(`cannot write ${file}: ${writeErrorReason(error)}`);
    throw error;
  } finally {
    if (!done) {
      try {
        closeSync(fd);
      } catch {
        // Already closed.
      }
      try {
        unlinkSync(temp);
      } catch {
        // Nothing to clean up.
      }
    }
  }
}

// Gathers small chunks (one JSON object, one XML line) into fewer, larger writes.
class BufferedWriter implements ReportWriter {
  private buffer: string[] = [];
  private size = 0;

  constructor(private readonly sink: (chunk: string) => void) {}

  write(chunk: string): void {
    this.buffer.push(chunk);
    this.size += chunk.length;
    if (this.size >= BUFFER_CHARS) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    this.sink(chunk);
  }
}

/**
 * {@link writeOutputWith} for output produced in pieces (a list of millions of lines). To standard output,
 * each piece is written as it comes and the next waits until the stream drains, so a slow reader does not
 * make the whole text pile up in memory; to a file, the pieces go through {@link writeOutputWith}'s checks
 * and atomic write.
 */
export async function writeOutputStream(
  file: string | undefined,
  options: OutputOptions,
  pieces: Iterable<string>,
): Promise<void> {
  if (!isStdout(file)) {
    writeOutputWith(file, options, (out) => {
      for (const piece of pieces) out.write(piece);
    });
    return;
  }
  for (const piece of pieces) if (!process.stdout.write(piece)) await once(process.stdout, 'drain');
}

/** `ENOENT: no such file or directory`: Node's message without the `, open '/path'` it repeats. */
function writeErrorReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message.replace(/, \w+ '.*'$/s, '');
}
