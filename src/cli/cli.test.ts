import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../test/helpers/cli.js';

afterEach(() => vi.restoreAllMocks());

const inputs = 'test/fixtures/inputs';

describe('kubeward scan', () => {
  it('exits 1 when a finding is at or above --fail-on, 0 otherwise', async () => {
    const bad = await run('scan', `${inputs}/pod.json`, '--format', 'json', '--no-config');
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as { findings: { ruleId: string; location: { line: number } }[] };
    expect(report.findings.find((f) => f.ruleId === 'workload/privileged')?.location.line).toBe(7);
    const good = await run(
      'scan',
      `${inputs}/pod.json`,
      '--format',
      'json',
      '--no-config',
      '--fail-on',
      'none',
    );
    expect(good.code).toBe(0);
  });

  it('exits 2 when input could not be read, and still reports what could', async () => {
    const r = await run('scan', `${inputs}/broken.yaml`, '--format', 'json', '--no-config');
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { resources: { name: string }[]; problems: { code: string }[] };
    expect(report.resources.map((x) => x.name)).toEqual(['before-error', 'after-error']);
    expect(report.problems.map((p) => p.code)).toEqual(['input/parse-error']);
  });

  it('reads standard input from -', async () => {
    const stdin = vi.spyOn(process, 'stdin', 'get').mockReturnValue(
      (async function* () {
        yield Buffer.from(readFileSync(`${inputs}/multi.yaml`));
      })() as unknown as typeof process.stdin,
    );
    const r = await run('scan', '-', '--format', 'json', '--no-config', '--fail-on', 'none');
    stdin.mockRestore();
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { resources: { name: string; source: { file: string } }[] };
    expect(report.resources.map((x) => [x.source.file, x.name])).toEqual([
      ['-', 'web'],
      ['-', 'api'],
    ]);
  });

  it('writes the report to --output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-cli-'));
    const file = join(dir, 'report.sarif');
    const r = await run('scan', `${inputs}/pod.json`, '-f', 'sarif', '-o', file, '--no-config');
    expect(r.stdout).toBe('');
    expect((JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version).toBe('2.1.0');
  });

  it('uses a config file and reports invalid ones with key and line, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-cli-'));
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'failOn: none\n');
    expect((await run('scan', `${inputs}/pod.json`, '-c', good, '-f', 'json')).code).toBe(0);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'failOn: sometimes\n');
    const r = await run('scan', `${inputs}/pod.json`, '-c', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:1:1: failOn: must be one of`);
  });

  it('runs only the rules given with --rules and rejects unknown ids', async () => {
    const r = await run(
      'scan',
      `${inputs}/pod.json`,
      '-f',
      'json',
      '--no-config',
      '--rules',
      'workload/privileged',
    );
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[] };
    expect(new Set(report.findings.map((f) => f.ruleId))).toEqual(new Set(['workload/privileged']));
    const bad = await run('scan', `${inputs}/pod.json`, '--no-config', '--rules', 'workload/nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown rule id(s): workload/nope');
  });

  it('is a usage error (exit 2) to give no input or an unknown format, without a stack trace', async () => {
    const none = await run('scan', '--no-config');
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('kubeward: no input: pass files, directories, globs or - for standard input\n');
    const format = await run('scan', `${inputs}/pod.json`, '--format', 'xml');
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/Allowed choices are table, json, sarif, junit, kubesec/);
    expect(format.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('gives byte-identical output for the same input', async () => {
    const a = await run('scan', 'examples', 'test/fixtures/inputs', '-f', 'json', '--no-config');
    const b = await run('scan', 'examples', 'test/fixtures/inputs', '-f', 'json', '--no-config');
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.length).toBeGreaterThan(1000);
  });
});

describe('kubeward rules', () => {
  it('lists the catalog as JSON with presets', async () => {
    const r = await run('rules', '--format', 'json');
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout) as { id: string; presets: string[] }[];
    expect(rules.find((x) => x.id === 'workload/privileged')?.presets).toContain('recommended');
  });
});

describe('kubeward scan --format kubesec', () => {
  it("prints one kubesec report per document across files, in kubesec's shape", async () => {
    const r = await run(
      'scan',
      'examples/hardened-deployment.yaml',
      `${inputs}/list.yaml`,
      '-f',
      'kubesec',
      '--no-config',
      '--fail-on',
      'none',
    );
    expect(r.code).toBe(0);
    const reports = JSON.parse(r.stdout) as {
      object: string;
      fileName: string;
      score: number;
      message: string;
    }[];
    expect(reports.map((x) => [x.object, x.fileName])).toEqual([
      ['Deployment/api.shop', 'examples/hardened-deployment.yaml'],
      ['List/undefined.default', `${inputs}/list.yaml`],
    ]);
    expect(reports[1]?.message).toBe('This resource kind is not supported by kubesec');
    expect(r.stdout.startsWith('[\n  {\n    "object": "Deployment/api.shop",\n    "valid": true,')).toBe(
      true,
    );
  });

  it('cuts the input where kubesec does: a comment-only chunk before --- is an Unknown report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-kubesec-'));
    const file = join(dir, 'headed.yaml');
    writeFileSync(
      file,
      '# Copyright the authors\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers:\n    - name: c\n      image: x\n',
    );
    const r = await run('scan', file, '-f', 'kubesec', '--no-config', '--fail-on', 'none');
    const reports = JSON.parse(r.stdout) as { object: string; score: number; message: string }[];
    expect(reports.map((x) => [x.object, x.score, x.message])).toEqual([
      ['Unknown', 0, 'Passed with a score of 0 points'],
      ['Pod/p.default', -9, 'Failed with a score of -9 points'],
    ]);
    // kubeward's own report is not affected: one resource, nothing skipped.
    const own = JSON.parse((await run('scan', file, '-f', 'json', '--no-config')).stdout) as {
      summary: { resources: number; problems: number };
    };
    expect(own.summary).toMatchObject({ resources: 1, problems: 0 });
  });

  it('agrees with the score kubeward gives each resource in its JSON report', async () => {
    const kubesec = JSON.parse((await run('scan', 'examples', '-f', 'kubesec', '--no-config')).stdout) as {
      object: string;
      score: number;
    }[];
    const own = JSON.parse((await run('scan', 'examples', '-f', 'json', '--no-config')).stdout) as {
      resources: { kind: string; name: string; namespace: string | null; score: number }[];
    };
    expect(own.resources.map((x) => [`${x.kind}/${x.name}.${x.namespace ?? 'default'}`, x.score])).toEqual(
      kubesec.map((x) => [x.object, x.score]),
    );
  });
});

describe('kubeward rules formats', () => {
  it('prints a table with a count, and markdown with links to the docs', async () => {
    const table = await run('rules');
    expect(table.stdout).toMatch(/^RULE +SEVERITY +TITLE\n/);
    expect(table.stdout).toMatch(/\n\d+ rules\n$/);
    expect(table.stdout).toContain('workload/privileged');
    const md = await run('rules', '--format', 'markdown', '--preset', 'kubesec');
    expect(md.stdout.split('\n')[0]).toBe('| rule | severity | title |');
    expect(md.stdout).toContain(
      '[workload/privileged](https://github.com/kubeward/kubeward/blob/main/docs/rules/workload/privileged.md)',
    );
    expect(md.stdout).not.toContain('workload/image-digest');
  });
});
