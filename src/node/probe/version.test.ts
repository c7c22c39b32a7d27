import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dpkgVersion, scanBinaryVersion } from './version.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeward-version-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function binary(name: string, parts: [number, string][], size: number): string {
  const bytes = Buffer.alloc(size);
  for (const [at, text] of parts) Buffer.from(text, 'latin1').copy(bytes, at);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('scanBinaryVersion', () => {
  it('finds the gitVersion linker flag, ignoring bare versions of dependencies', () => {
    const path = binary(
      'kubelet',
      [
        [0, '\x7fELF'],
        [100, '\0dep\tgithub.com/spf13/cobra\tv1.8.1\0'],
        [
          200,
          "\0-X 'k8s.io/client-go/pkg/version.gitCommit=32cc146' -X 'k8s.io/component-base/version.gitVersion=v1.32.3' \0",
        ],
      ],
      4096,
    );
    expect(scanBinaryVersion(path)).toEqual({
      ok: true,
      version: 'v1.32.3',
      key: 'k8s.io/component-base/version.gitVersion',
    });
  });

  it('finds a version string that straddles two reads, with a distribution suffix', () => {
    const text = "'github.com/k3s-io/k3s/pkg/version.Version=v1.32.3+k3s1'";
    const path = binary('k3s', [[1024 * 1024 - 20, text]], 1024 * 1024 + 4096);
    expect(scanBinaryVersion(path)).toEqual({
      ok: true,
      version: 'v1.32.3+k3s1',
      key: 'github.com/k3s-io/k3s/pkg/version.Version',
    });
  });

  it('says why nothing was found: no string, a limit, a missing file, a FIFO (not opened for a writer)', () => {
    const plain = binary('plain', [[10, 'Version=v1.2.3 appVersion=v1.30.0']], 2048);
    expect(scanBinaryVersion(plain)).toEqual({
      ok: false,
      reason: 'no embedded version string',
      missing: false,
    });
    const late = binary('late', [[8192, "'k8s.io/component-base/version.gitVersion=v1.32.3'"]], 16384);
    expect(scanBinaryVersion(late, 4096)).toEqual({
      ok: false,
      reason: 'no embedded version in its first 4096 bytes',
      missing: false,
    });
    expect(scanBinaryVersion(join(dir, 'nope'))).toEqual({
      ok: false,
      reason: 'no such file',
      missing: true,
    });
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(scanBinaryVersion(fifo)).toEqual({
      ok: false,
      reason: 'not a regular file; not read',
      missing: false,
    });
  });
});

describe('dpkgVersion', () => {
  it('reads the installed kubelet package, not a removed one or another package', () => {
    const status = [
      'Package: kubectl\nStatus: install ok installed\nVersion: 1.31.0-1.1\n',
      'Package: kubelet\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.32.3-1.1\n',
    ].join('\n');
    expect(dpkgVersion(status, 'kubelet')).toEqual({ version: 'v1.32.3', raw: '1.32.3-1.1' });
    expect(
      dpkgVersion('Package: kubelet\nStatus: deinstall ok config-files\nVersion: 1.30.1-1.1\n', 'kubelet'),
    ).toBe(undefined);
    expect(
      dpkgVersion('Package: kubelet\nStatus: install ok not-installed\nVersion: 1.30.1-1.1\n', 'kubelet'),
    ).toBe(undefined);
  });
});
