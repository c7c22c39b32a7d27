import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegularFile } from './read-file.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'kubeward-read-'));

describe('readRegularFile', () => {
  it('reads a regular file, directly or through a symbolic link', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), 'kind: Pod\n');
    symlinkSync(join(dir, 'a.yaml'), join(dir, 'link.yaml'));
    for (const name of ['a.yaml', 'link.yaml']) {
      const read = readRegularFile(join(dir, name), { maxBytes: 100 });
      expect(read.ok && read.bytes.toString()).toBe('kind: Pod\n');
    }
  });

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const dir = tmp();
    execFileSync('mkfifo', [join(dir, 'kustomization.yaml')]);
    expect(readRegularFile(join(dir, 'kustomization.yaml'), { maxBytes: 100 })).toEqual({
      ok: false,
      code: 'input/unreadable',
      message: 'a FIFO (named pipe), not a regular file; not read',
    });
  });

  it('refuses a device, also behind a symbolic link, without reading it', () => {
    const dir = tmp();
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    for (const path of ['/dev/zero', join(dir, 'zero.yaml')]) {
      expect(readRegularFile(path, { maxBytes: 1 << 30 })).toEqual({
        ok: false,
        code: 'input/unreadable',
        message: 'a character device, not a regular file; not read',
      });
    }
  });

  it('refuses a directory', () => {
    expect(readRegularFile(tmp(), { maxBytes: 100 })).toMatchObject({
      ok: false,
      code: 'input/unreadable',
      message: 'a directory, not a regular file; not read',
    });
  });

  it('refuses a file over the limit, by its size and while reading files that report none', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(101));
    expect(readRegularFile(join(dir, 'big.yaml'), { maxBytes: 100, limitName: '--max-file-size' })).toEqual({
      ok: false,
      code: 'input/too-large',
      message: 'file is 101 bytes, over the 100-byte limit (--max-file-size); not read',
    });
    // /proc files report a size of 0 but hold more: the count while reading catches them.
    expect(readRegularFile('/proc/self/status', { maxBytes: 10 })).toEqual({
      ok: false,
      code: 'input/too-large',
      message: 'file is over the 10-byte limit; not read',
    });
    const exact = readRegularFile(join(dir, 'big.yaml'), { maxBytes: 101 });
    expect(exact.ok && exact.bytes.length).toBe(101);
  });

  it('reads files whose size is reported as 0 to their end', () => {
    const read = readRegularFile('/proc/self/cmdline', { maxBytes: 1 << 20 });
    expect(read.ok && read.bytes.toString().split('\0')[0]).toBe(process.argv0);
  });

  it('says a missing file is missing, without a stack', () => {
    expect(readRegularFile('/nonexistent/x.yaml', { maxBytes: 100 })).toEqual({
      ok: false,
      code: 'input/not-found',
      message: 'no such file or directory',
    });
  });
});
