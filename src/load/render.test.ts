import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmForTests } from '../../test/helpers/helm.js';
import { loadInputs, DEFAULT_LOAD_OPTIONS, type LoadedUnit, type LoadOptions } from './inputs.js';

async function load(paths: string[], options: Partial<LoadOptions> = {}): Promise<LoadedUnit[]> {
  const units: LoadedUnit[] = [];
  for await (const unit of loadInputs(paths, { ...DEFAULT_LOAD_OPTIONS, ...options })) units.push(unit);
  return units;
}

describe('Helm charts (rendered with a real helm binary)', () => {
  const helm = helmForTests();
  const chart = 'test/fixtures/charts/demo';

  it('renders a chart directory and attributes resources to the template named in # Source', async () => {
    const [unit] = await load([chart], { helmBinary: helm });
    expect(unit?.problems).toEqual([]);
    expect(unit?.resources.map((r) => `${r.kind}/${r.name}`)).toEqual([
      'Service/release-name-web',
      'Deployment/release-name-web',
    ]);
    const deployment = unit?.resources[1];
    expect(deployment?.source.file).toBe(`${chart}/templates/deployment.yaml`);
    expect(deployment?.source.locate('/spec/template/spec/containers/0/securityContext/privileged')).toEqual({
      file: `${chart}/templates/deployment.yaml`,
      line: 21,
      column: 13,
    });
  });

  it('passes --values and --set through to helm template', async () => {
    const [withValues] = await load([chart], {
      helmBinary: helm,
      helmValues: [`${chart}/privileged-values.yaml`],
    });
    const privileged = (unit: LoadedUnit | undefined): unknown =>
      (
        unit?.resources[1]?.object as {
          spec: { template: { spec: { containers: { securityContext: { privileged: unknown } }[] } } };
        }
      ).spec.template.spec.containers[0]?.securityContext.privileged;
    expect(privileged(withValues)).toBe(true);
    const [withSet] = await load([chart], { helmBinary: helm, helmSet: ['privileged=true', 'replicas=3'] });
    expect(privileged(withSet)).toBe(true);
  });

  it('finds charts while walking a directory instead of parsing raw templates', async () => {
    const units = await load(['test/fixtures/charts'], { helmBinary: helm });
    expect(units.map((u) => u.file)).toEqual([`${chart}/Chart.yaml`]);
    expect(units[0]?.problems).toEqual([]);
  });

  it("reports a failed render with helm's message", async () => {
    const [unit] = await load([chart], { helmBinary: helm, helmSet: ['a[b=1'] });
    expect(unit?.resources).toEqual([]);
    expect(unit?.problems).toHaveLength(1);
    expect(unit?.problems[0]).toMatchObject({
      code: 'input/render-failed',
      level: 'error',
      location: { file: `${chart}/Chart.yaml` },
    });
    expect(unit?.problems[0]?.message).toMatch(/helm template .* failed: .*set/);
  });
});

describe('a failed render never shows --set values', () => {
  const chart = 'test/fixtures/charts/demo';
  const secret = 'hunter2-Sup3rSecret';

  it('hides them in the command line helm was run with', async () => {
    // The unterminated index makes helm reject the --set data.
    const [unit] = await load([chart], {
      helmBinary: helmForTests(),
      helmSet: [`db.password=${secret},a[b=1`],
    });
    expect(unit?.problems).toHaveLength(1);
    const message = unit?.problems[0]?.message ?? '';
    expect(message).toContain('--set db.password=***,a[b=***');
    expect(message).not.toContain(secret);
  });

  it("hides them in the renderer's error output too", async () => {
    // A stand-in renderer that repeats its arguments on standard error, as template errors may.
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-render-'));
    const fake = join(dir, 'helm');
    writeFileSync(fake, '#!/bin/sh\necho "Error: cannot use value in: $*" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const [unit] = await load([chart], { helmBinary: fake, helmSet: [`token=${secret}`, 'replicas=2'] });
    const message = unit?.problems[0]?.message ?? '';
    expect(message).toMatch(
      /^\S+ template test\/fixtures\/charts\/demo --set token=\*\*\* --set replicas=\*\*\* failed: Error: cannot use value in: /,
    );
    expect(message).not.toContain(secret);
  });
});

describe('Kustomize directories (rendered with kubectl kustomize)', () => {
  it('renders the overlay and points findings at the kustomization', async () => {
    const [unit] = await load(['test/fixtures/kustomize/overlay']);
    expect(unit?.problems).toEqual([]);
    expect(unit?.resources.map((r) => [r.kind, r.namespace, r.name])).toEqual([['Pod', 'ops', 'prod-tool']]);
    expect(unit?.resources[0]?.source.locate('/spec/containers/0/securityContext/privileged')).toEqual({
      file: 'test/fixtures/kustomize/overlay/kustomization.yaml',
      line: 1,
      column: 1,
    });
  });

  it('reports a missing kustomize binary, names what to install, and reads the other inputs', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const units = await load(['test/fixtures/kustomize/overlay', 'test/fixtures/inputs/pod.json']);
      expect(units[0]?.problems).toEqual([
        expect.objectContaining({
          code: 'input/renderer-missing',
          level: 'error',
          location: { file: 'test/fixtures/kustomize/overlay/kustomization.yaml', line: 1, column: 1 },
        }),
      ]);
      expect(units[0]?.problems[0]?.message).toMatch(/install kubectl or kustomize/);
      expect(units[1]?.resources.map((r) => r.name)).toEqual(['from-json']);
    } finally {
      process.env.PATH = path;
    }
  });

  it('reports a missing helm binary and names what to install', async () => {
    const path = process.env.PATH;
    const helmEnv = process.env.KUBEWARD_HELM;
    process.env.PATH = '/nonexistent';
    delete process.env.KUBEWARD_HELM;
    try {
      const [unit] = await load(['test/fixtures/charts/demo']);
      expect(unit?.problems[0]).toMatchObject({
        code: 'input/renderer-missing',
        location: { file: 'test/fixtures/charts/demo/Chart.yaml' },
      });
      expect(unit?.problems[0]?.message).toMatch(/install helm/);
    } finally {
      process.env.PATH = path;
      if (helmEnv !== undefined) process.env.KUBEWARD_HELM = helmEnv;
    }
  });
});
