import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../test/helpers/cli.js';

afterEach(() => vi.restoreAllMocks());

const chart = 'test/fixtures/charts/demo';

function fakeHelm(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-cli-helm-'));
  const binary = join(dir, 'helm');
  writeFileSync(binary, `#!/bin/sh\n${script}`);
  chmodSync(binary, 0o755);
  return binary;
}

async function withHelm<T>(binary: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.KUBEWARD_HELM;
  process.env.KUBEWARD_HELM = binary;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.KUBEWARD_HELM;
    else process.env.KUBEWARD_HELM = saved;
  }
}

interface JsonProblem {
  code: string;
  message: string;
}

describe('renderer flags of kubeward scan and pss', () => {
  it('scan --render-timeout stops a hanging renderer: exit 2 with the problem', async () => {
    const helm = fakeHelm('sleep 60\n');
    const result = await withHelm(helm, () => run('scan', chart, '--render-timeout', '1s', '-f', 'json'));
    expect(result.code).toBe(2);
    const problems = (JSON.parse(result.stdout) as { problems: JsonProblem[] }).problems;
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      [
        'input/render-failed',
        `${helm} template ${chart} failed: timed out after 1 s (--render-timeout); stopped`,
      ],
    ]);
  });

  it('pss --render-timeout is honoured too, and a bad duration is a usage error', async () => {
    const helm = fakeHelm('sleep 60\n');
    const result = await withHelm(helm, () => run('pss', chart, '--render-timeout', '500ms'));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${chart}/Chart.yaml:1:1: error: ${helm} template ${chart} failed: timed out after 0.5 s (--render-timeout); stopped [input/render-failed]\n`,
    );
    const bad = await run('scan', chart, '--render-timeout', 'forever');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--render-timeout: not a duration: forever');
  });

  it('pss refuses a remote kustomization resource, and --allow-remote lets kustomize try it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-cli-remote-'));
    // Port 1 on loopback: nothing listens, so kustomize's attempt fails without leaving the machine.
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - http://127.0.0.1:1/pod.yaml\n');
    const refused = await run('pss', dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `${dir}/kustomization.yaml:2:5: error: resources "http://127.0.0.1:1/pod.yaml" is remote (kustomize would fetch or clone it); not rendered: renderers get no network access unless --allow-remote is given [input/render-remote]\n`,
    );
    const allowed = await run('pss', dir, '--allow-remote');
    expect(allowed.code).toBe(2);
    expect(allowed.stderr).toMatch(/\[input\/render-failed\]\n$/);
    expect(allowed.stderr).toContain('127.0.0.1:1');
  });

  it('scan passes --set-string and --set-file to helm and hides their values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-cli-set-'));
    writeFileSync(join(dir, 'token'), 'file-Secret-T0ken\n');
    const helm = fakeHelm(
      'echo "Error: $*" >&2\ncat "$(echo "$*" | sed -n "s/.*--set-file [^=]*=\\([^ ]*\\).*/\\1/p")" >&2\nexit 1\n',
    );
    const result = await withHelm(helm, () =>
      run('scan', chart, '--set-string', 'a=str1ng-Secret', '--set-file', `b=${dir}/token`, '-f', 'json'),
    );
    const problems = (JSON.parse(result.stdout) as { problems: JsonProblem[] }).problems;
    expect(problems.map((p) => p.message)).toEqual([
      `${helm} template ${chart} --set-string a=*** --set-file b=${dir}/token failed: Error: template ${chart} --set-string a=*** --set-file b=${dir}/token | ***`,
    ]);
  });
});
