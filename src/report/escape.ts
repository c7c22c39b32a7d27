import { wellFormed } from './common.js';

// What a terminal or a CI log could act on, or that changes how the text around it reads:
// - C0 controls, DEL and C1 controls: ESC starts terminal escape sequences (clear the screen, set the
//   title, hyperlinks), CR rewrites a line, LF starts a new one (a GitHub Actions `::error` workflow
//   command, a forged log line), NEL (U+0085) is a line break in some terminals;
// - the Unicode bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which
//   reorder what is shown so that a name reads as something else ("Trojan Source");
// - the line and paragraph separators U+2028 and U+2029, which some log viewers break lines at.
const UNSAFE =
  // Matching control characters is the point here.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

const SHORT: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function visible(c: string): string {
  const short = SHORT[c];
  if (short !== undefined) return short;
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Makes a value from the input safe to print in a human-readable report, a terminal or a CI log: tab, LF
 * and CR become `\t`, `\n` and `\r`; the other C0 controls, DEL and the C1 controls become `\xhh` (ESC is
 * `\x1b`); the bidirectional controls and U+2028/U+2029 become `\uhhhh` (U+202E is `\u202e`); unpaired
 * UTF-16 surrogates become U+FFFD. Everything else, backslashes included, is kept as it is, so the result
 * is for reading, not for decoding (the JSON and SARIF reports carry the exact value). The result is one
 * line, holds no character that a terminal acts on, and the same input always gives the same output;
 * escaping an escaped text changes nothing.
 */
export function escapeText(text: string): string {
  return wellFormed(text).replace(UNSAFE, visible);
}

// The same set without tab and LF, for formats whose text may span lines.
const UNSAFE_IN_LINES =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * {@link escapeText} for text that may span lines (the body of a JUnit failure, read in CI web views):
 * tab and LF are kept, every other character of the set is made visible the same way (CR is `\r`).
 */
export function escapeTextKeepingLines(text: string): string {
  return wellFormed(text).replace(UNSAFE_IN_LINES, visible);
}

/**
 * A value as a GitHub-flavoured Markdown table cell: {@link escapeText}, then `\` and `|` escaped with a
 * backslash, so that the value stays in its cell, on one line, and shows as it is.
 */
export function markdownCell(text: string): string {
  return escapeText(text).replace(/[\\|]/g, (c) => `\\${c}`);
}

/**
 * A value as one CSV field: {@link escapeText}; a value starting with `=`, `+`, `-` or `@` gets a `'` in
 * front, so that a spreadsheet does not run it as a formula (OWASP CSV injection guidance; the tab and CR
 * of that list are already escaped); a field holding `"` or `,` is quoted, with `"` doubled (RFC 4180).
 */
export function csvField(text: string): string {
  let field = escapeText(text);
  if (/^[=+\-@]/.test(field)) field = `'${field}`;
  // escapeText leaves no CR or LF, so only `"` and `,` need quoting.
  return /[",]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
