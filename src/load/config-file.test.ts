import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../base/errors.js';
import { findConfigFile, readConfigFile } from './config-file.js';

describe('findConfigFile', () => {
  const tree = (): string => {
    const top = mkdtempSync(join(tmpdir(), 'kubeward-find-'));
    mkdirSync(join(top, 'home', 'user', 'repo', '.git'), { recursive: true });
    mkdirSync(join(top, 'home', 'user', 'repo', 'deploy', 'prod'), { recursive: true });
    mkdirSync(join(top, 'home', 'user', 'scratch', 'x'), { recursive: true });
    return top;
  };

  it('finds the nearest config file upward within the repository', () => {
    const top = tree();
    const repo = join(top, 'home', 'user', 'repo');
    writeFileSync(join(repo, '.kubeward.yaml'), 'preset: strict\n');
    expect(findConfigFile(join(repo, 'deploy', 'prod'), join(top, 'home', 'user'))).toBe(
      join(repo, '.kubeward.yaml'),
    );
  });

  it('does not look above the repository root (the directory holding .git)', () => {
    const top = tree();
    // Planted above the repository, e.g. in a shared parent: not picked up.
    writeFileSync(join(top, 'home', 'user', '.kubeward.yaml'), 'preset: kubesec\n');
    writeFileSync(join(top, '.kubeward.yml'), 'preset: kubesec\n');
    expect(
      findConfigFile(join(top, 'home', 'user', 'repo', 'deploy'), join(top, 'home', 'user')),
    ).toBeUndefined();
  });

  it('outside a repository, stops at the home directory, which it still reads', () => {
    const top = tree();
    writeFileSync(join(top, '.kubeward.yaml'), 'preset: kubesec\n');
    const home = join(top, 'home', 'user');
    expect(findConfigFile(join(home, 'scratch', 'x'), home)).toBeUndefined();
    writeFileSync(join(home, '.kubeward.yaml'), 'preset: strict\n');
    expect(findConfigFile(join(home, 'scratch', 'x'), home)).toBe(join(home, '.kubeward.yaml'));
  });
});

describe('readConfigFile', () => {
  it('refuses a config file that is a FIFO instead of waiting on it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-cfgfifo-'));
    execFileSync('mkfifo', [join(dir, '.kubeward.yaml')]);
    expect(() => readConfigFile(join(dir, '.kubeward.yaml'))).toThrow(
      new InputError(
        `cannot read config file ${join(dir, '.kubeward.yaml')}: a FIFO (named pipe), not a regular file; not read`,
      ),
    );
  });

  it('refuses a config file over 1 MiB', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-cfgbig-'));
    writeFileSync(join(dir, 'c.yaml'), `# ${'x'.repeat(1024 * 1024)}\n`);
    expect(() => readConfigFile(join(dir, 'c.yaml'))).toThrow(/over the 1048576-byte limit/);
  });
});
