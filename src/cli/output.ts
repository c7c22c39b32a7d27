import { writeFileSync } from 'node:fs';
import { InputError } from '../engine/errors.js';

/**
 * Writes a command's output to `file`, or to standard output when `file` is undefined. A file that cannot
 * be written (missing directory, a directory, no permission) is an {@link InputError}
 * `cannot write FILE: REASON`, not a crash.
 */
export function writeOutput(file: string | undefined, text: string): void {
  if (file === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new InputError(`cannot write ${file}: ${writeErrorReason(error)}`);
  }
}

/** `ENOENT: no such file or directory`: Node's message without the `, open '/path'` it repeats. */
function writeErrorReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message.replace(/, \w+ '.*'$/s, '');
}
