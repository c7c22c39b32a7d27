import type { Problem } from '../model/types.js';

/**
 * One input problem as every command prints it on standard error: `file:line:col: level: message [code]`.
 * A problem is always one line: line breaks become spaces and other control characters are made visible.
 */
export function formatProblemLine(p: Problem): string {
  const { file, line, column } = p.location;
  return `${oneLine(`${file}:${line}:${column}: ${p.level}: ${p.message} [${p.code}]`)}\n`;
}

function oneLine(s: string): string {
  return s.replace(/[ \t]*\r?\n\s*/g, ' ').replace(
    // Matching control characters is the point here.
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001F\u007F-\u009F]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}
