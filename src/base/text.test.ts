import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../test/helpers/cli.js';
import { decodeText } from './text.js';

afterEach(() => vi.restoreAllMocks());

const MANIFEST = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';

/** The manifest in UTF-32 with its byte-order mark, written byte by byte. */
function utf32(littleEndian: boolean): Uint8Array {
  const codePoints = [0xfeff, ...[...MANIFEST].map((c) => c.codePointAt(0)!)];
  const bytes = new Uint8Array(codePoints.length * 4);
  const view = new DataView(bytes.buffer);
  codePoints.forEach((cp, i) => view.setUint32(i * 4, cp, littleEndian));
  return bytes;
}

describe('decodeText', () => {
  it('refuses UTF-32 LE (FF FE 00 00) as input/encoding, not as UTF-16 or binary', () => {
    const bytes = utf32(true);
    expect([...bytes.subarray(0, 8)]).toEqual([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]);
    expect(decodeText(bytes)).toEqual({
      ok: false,
      code: 'input/encoding',
      message:
        'file is UTF-32 LE (byte-order mark FF FE 00 00), which is not supported: Kubernetes reads UTF-8 and UTF-16; convert it to UTF-8; not scanned',
      line: 1,
      column: 1,
    });
  });

  it('refuses UTF-32 BE (00 00 FE FF) as input/encoding', () => {
    const bytes = utf32(false);
    expect([...bytes.subarray(0, 8)]).toEqual([0, 0, 0xfe, 0xff, 0, 0, 0, 0x61]);
    const decoded = decodeText(bytes);
    expect(decoded.ok).toBe(false);
    expect(decoded.ok === false && decoded.code).toBe('input/encoding');
    expect(decoded.ok === false && decoded.message).toMatch(
      /^file is UTF-32 BE \(byte-order mark 00 00 FE FF\)/,
    );
  });

  it('still reads UTF-16 LE and BE with a byte-order mark, and UTF-8', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MANIFEST, 'utf16le')]);
    expect(decodeText(le)).toEqual({ ok: true, text: MANIFEST });
    const be = Buffer.from(le);
    be.swap16();
    expect([...be.subarray(0, 2)]).toEqual([0xfe, 0xff]);
    expect(decodeText(be)).toEqual({ ok: true, text: MANIFEST });
    expect(decodeText(Buffer.from(MANIFEST))).toEqual({ ok: true, text: MANIFEST });
  });

  it('a NUL byte without a UTF-32 mark is still input/binary', () => {
    const decoded = decodeText(Uint8Array.from([0x61, 0x3a, 0x20, 0, 0x0a]));
    expect(decoded.ok === false && decoded.code).toBe('input/binary');
  });

  it('scan reports a UTF-32 LE file as input/encoding at line 1 and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-utf32-'));
    const file = join(dir, 'cm.yaml');
    writeFileSync(file, utf32(true));
    const r = await run('scan', file, '--no-config', '-f', 'json');
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { problems: { code: string; location: { line: number } }[] };
    expect(report.problems.map((p) => [p.code, p.location.line])).toEqual([['input/encoding', 1]]);
  });
});
