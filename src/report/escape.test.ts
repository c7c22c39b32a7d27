import { describe, expect, it } from 'vitest';
import { csvField, escapeText, markdownCell } from './escape.js';

// The hostile names of the tests: a forged GitHub Actions workflow command, a screen clear, and a
// right-to-left override that shows "txt.exe" as "exe.txt".
const FORGED = 'p\n::error title=kubeward::all clear';
const CLEAR = 'p\u001b[2J\u001b[H';
const RLO = 'p\u202Etxt.exe';

describe('escapeText', () => {
  it('makes line breaks, ESC and bidi controls visible', () => {
    expect(escapeText(FORGED)).toBe('p\\n::error title=kubeward::all clear');
    expect(escapeText(CLEAR)).toBe('p\\x1b[2J\\x1b[H');
    expect(escapeText(RLO)).toBe('p\\u202etxt.exe');
  });

  it('writes tab, LF and CR short and the other C0 controls, DEL and C1 controls as \\xhh', () => {
    expect(escapeText('a\tb\nc\rd')).toBe('a\\tb\\nc\\rd');
    expect(escapeText('\u0000\u0001\u0007\u0008\u000B\u000C\u001F')).toBe(
      '\\x00\\x01\\x07\\x08\\x0b\\x0c\\x1f',
    );
    expect(escapeText('\u007F\u0080\u0085\u009B\u009F')).toBe('\\x7f\\x80\\x85\\x9b\\x9f');
  });

  it('escapes every bidirectional control and the Unicode line separators', () => {
    expect(
      escapeText('\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u2028\u2029'),
    ).toBe(
      '\\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u2028\\u2029',
    );
  });

  it('keeps printable text, backslashes, non-ASCII letters and emoji as they are', () => {
    const text = 'C:\\manifests\\app.yaml ns/name[Deployment] é ü 日本 😀 \u00A0 \u200B → |,"=';
    expect(escapeText(text)).toBe(text);
  });

  it('replaces unpaired surrogates with U+FFFD', () => {
    expect(escapeText('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
  });

  it('changes nothing when applied twice', () => {
    const hostile = `${FORGED}${CLEAR}${RLO}\u0085\u2066`;
    expect(escapeText(escapeText(hostile))).toBe(escapeText(hostile));
  });
});

describe('markdownCell', () => {
  it('escapes | and \\ and keeps the cell on one line', () => {
    expect(markdownCell('a|b')).toBe('a\\|b');
    expect(markdownCell('a\\|b')).toBe('a\\\\\\|b');
    expect(markdownCell(FORGED)).toBe('p\\\\n::error title=kubeward::all clear');
    expect(markdownCell(`x | y\n| --- |`)).toBe('x \\| y\\\\n\\| --- \\|');
    expect(markdownCell(RLO)).toBe('p\\\\u202etxt.exe');
  });
});

describe('csvField', () => {
  it('puts a quote before a value that a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('a=b')).toBe('a=b');
  });

  it('quotes per RFC 4180 only when needed', () => {
    expect(csvField('TCP 80,UDP 53')).toBe('"TCP 80,UDP 53"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('shop/web[Deployment]')).toBe('shop/web[Deployment]');
  });

  it('escapes line breaks and controls so that a row stays one line', () => {
    expect(csvField(FORGED)).toBe('p\\n::error title=kubeward::all clear');
    expect(csvField('\n=1')).toBe('\\n=1');
    expect(csvField(`${CLEAR},${RLO}`)).toBe('"p\\x1b[2J\\x1b[H,p\\u202etxt.exe"');
  });
});
