import { describe, expect, it, vi } from 'vitest';
import { run } from '../../test/helpers/cli.js';

describe('exit codes', () => {
  it('exits 3 with a request to report it when kubeward itself fails, not 2 like bad input', async () => {
    vi.doMock('../engine/scan.js', () => ({
      scan: () => {
        throw new TypeError('Cannot read properties of undefined (reading "spec")');
      },
      scanUnits: () => {
        throw new TypeError('unused');
      },
    }));
    try {
      const r = await run('scan', 'examples/', '--no-config');
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(
        /^kubeward: internal error \(this is a bug; please report it with the command you ran\):\nTypeError: Cannot read properties of undefined \(reading "spec"\)\n/,
      );
    } finally {
      vi.doUnmock('../engine/scan.js');
    }
  });

  it('exits 2 for a usage error', async () => {
    const r = await run('scan', '--preset', 'nope', 'examples/');
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});
