import type { Problem } from '../model/types.js';
import { escapeText } from '../report/escape.js';

/**
 * One input problem as every command prints it on standard error: `file:line:col: level: message [code]`.
 * A problem is always one line: file and message go through {@link escapeText}, so line breaks show as
 * `\n` and a file name or message cannot start a CI workflow command or drive the terminal. Whitespace
 * around the message (the trailing newline of a renderer's error output) is dropped.
 */
export function formatProblemLine(p: Problem): string {
  const { file, line, column } = p.location;
  return `${escapeText(`${file}:${line}:${column}: ${p.level}: ${p.message.trim()} [${p.code}]`)}\n`;
}
