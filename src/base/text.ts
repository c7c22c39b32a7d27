const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Result of turning raw bytes into text. */
export type DecodedText =
  | { ok: true; text: string }
  | { ok: false; code: 'input/binary' | 'input/encoding'; message: string; line: number; column: number };

/**
 * Decodes file bytes as UTF-8 (or UTF-16 when a byte-order mark says so), rejecting binary data and UTF-32
 * (`input/encoding`: Kubernetes reads only UTF-8 and UTF-16).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  // Checked before UTF-16: the UTF-32 LE mark begins with the UTF-16 LE one, and both have NUL bytes.
  const utf32 =
    bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0
      ? 'LE (byte-order mark FF FE 00 00)'
      : bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff
        ? 'BE (byte-order mark 00 00 FE FF)'
        : undefined;
  if (utf32)
    return {
      ok: false,
      code: 'input/encoding',
      message: `file is UTF-32 ${utf32}, which is not supported: Kubernetes reads UTF-8 and UTF-16; convert it to UTF-8; not scanned`,
      line: 1,
      column: 1,
    };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const probe = Math.min(bytes.length, 8192);
  for (let i = 0; i < probe; i++) {
    if (bytes[i] === 0) {
      const { line, column } = byteLineColumn(bytes, i);
      return {
        ok: false,
        code: 'input/binary',
        message: 'file is binary (contains NUL bytes); not scanned',
        line,
        column,
      };
    }
  }
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const { line, column } = byteLineColumn(bytes, bad);
    return {
      ok: false,
      code: 'input/encoding',
      message: `file is not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at offset ${bad}); not scanned`,
      line,
      column,
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

function byteLineColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first byte that breaks UTF-8 well-formedness, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
