import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmForTests } from '../../test/helpers/helm.js';
import { loadInputs, DEFAULT_LOAD_OPTIONS, type LoadedUnit, type LoadOptions } from './inputs.js';
import { displayReference, isRemoteReference } from './render-check.js';

const fixtures = 'test/fixtures/render';

async function load(paths: string[], options: Partial<LoadOptions> = {}): Promise<LoadedUnit[]> {
  const units: LoadedUnit[] = [];
  for await (const unit of loadInputs(paths, { ...DEFAULT_LOAD_OPTIONS, ...options })) units.push(unit);
  return units;
}

describe('remote Kustomize resources', () => {
  // A loopback server standing in for a remote resource: it counts every request kustomize makes.
  let server: Server;
  let requests: string[] = [];
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end(
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: fetched\nspec:\n  containers:\n    - name: c\n      image: x:1\n',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function kustomization(): string {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-remote-'));
    writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n  - ${base}/pod.yaml\n`);
    return dir;
  }

  it('is refused with input/render-remote at the entry, and nothing is fetched', async () => {
    requests = [];
    const dir = kustomization();
    const [unit] = await load([dir]);
    expect(requests).toEqual([]);
    expect(unit?.resources).toEqual([]);
    expect(unit?.problems).toEqual([
      {
        code: 'input/render-remote',
        level: 'error',
        message: `resources "${base}/pod.yaml" is remote (kustomize would fetch or clone it); not rendered: renderers get no network access unless --allow-remote is given`,
        location: { file: `${dir}/kustomization.yaml`, line: 2, column: 5 },
      },
    ]);
  });

  it('is fetched with --allow-remote (so the refusal above is what kept kustomize off the network)', async () => {
    requests = [];
    const [unit] = await load([kustomization()], { allowRemote: true });
    expect(requests).toEqual(['/pod.yaml']);
    expect(unit?.problems).toEqual([]);
    expect(unit?.resources.map((r) => r.name)).toEqual(['fetched']);
  });

  it('is found in a base the overlay builds on, at the base file and line, with no token shown', async () => {
    const [unit] = await load([`${fixtures}/kustomize/remote-base/overlay`]);
    expect(unit?.file).toBe(`${fixtures}/kustomize/remote-base/overlay/kustomization.yaml`);
    expect(unit?.problems.map((p) => [p.code, p.location])).toEqual([
      [
        'input/render-remote',
        { file: `${fixtures}/kustomize/remote-base/base/kustomization.yaml`, line: 3, column: 5 },
      ],
    ]);
    expect(unit?.problems[0]?.message).toContain(
      '"https://example.com/org/repo/raw/main/pod.yaml" is remote',
    );
    expect(unit?.problems[0]?.message).not.toContain('ghp_T0kenInUrl');
  });

  it('covers git remotes, URLs among loaded files and helmCharts repos, but not annotation values', async () => {
    const [unit] = await load([`${fixtures}/kustomize/remote-forms`]);
    const file = `${fixtures}/kustomize/remote-forms/kustomization.yaml`;
    expect(
      unit?.problems.map((p) => `${p.location.file}:${p.location.line}:${p.location.column} ${p.code}`),
    ).toEqual([
      `${file}:3:5 input/render-remote`,
      `${file}:4:5 input/render-remote`,
      `${file}:6:5 input/render-remote`,
      `${file}:8:5 input/render-remote`,
      `${file}:10:5 input/render-remote`,
      `${file}:13:5 input/render-remote`,
      `${file}:18:9 input/render-remote`,
    ]);
    expect(unit?.problems.map((p) => p.message.split(' is remote')[0])).toEqual([
      'resources "github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.5.0"',
      'resources "ssh://example.com/org/repo.git"',
      'components "git@github.com:org/components.git//tls"',
      'bases "git::https://example.com/org/base.git"',
      'patches path "http://169.254.169.254/latest/meta-data/patch.yaml"',
      'helmCharts repo "https://charts.example.com"',
      'configMapGenerator files "https://example.com/settings.conf"',
    ]);
  });

  it('tells remote references from local paths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-local-'));
    // A local directory that happens to look like a host name is local: kustomize reads it as a path.
    mkdirSync(join(dir, 'github.com', 'org'), { recursive: true });
    for (const remote of [
      'https://example.com/x.yaml',
      'http://169.254.169.254/latest',
      'ssh://git@example.com/repo',
      'git::https://example.com/repo.git',
      'git@github.com:org/repo.git',
      'gh:org/repo',
      'gitlab.com/org/repo//dir?ref=main',
      'example.com/org/repo',
      'file:///srv/repo.git',
    ]) {
      expect([remote, isRemoteReference(remote, dir)]).toEqual([remote, true]);
    }
    for (const local of [
      'pod.yaml',
      '../base',
      'overlays/prod',
      './base',
      'github.com/org',
      'deploy.yaml/x',
    ]) {
      expect([local, isRemoteReference(local, dir)]).toEqual([local, false]);
    }
    expect(displayReference('https://user:secret@example.com/a.yaml')).toBe('https://example.com/a.yaml');
  });

  it('refuses a base whose kustomization is a FIFO without running kustomize (which would block on it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-fifo-'));
    mkdirSync(join(dir, 'base'));
    mkdirSync(join(dir, 'overlay'));
    writeFileSync(join(dir, 'overlay', 'kustomization.yaml'), 'resources:\n  - ../base\n');
    execFileSync('mkfifo', [join(dir, 'base', 'kustomization.yaml')]);
    const [unit] = await load([join(dir, 'overlay')]);
    expect(unit?.problems).toEqual([
      {
        code: 'input/unreadable',
        level: 'error',
        message: 'a FIFO (named pipe), not a regular file; the kustomization is not rendered',
        location: { file: join(dir, 'base', 'kustomization.yaml'), line: 1, column: 1 },
      },
    ]);
  });

  it('refuses a resource that is a FIFO or a device, which kustomize would block on or read without end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-fifo-resource-'));
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - pipe.yaml\n  - /dev/zero\n');
    const [unit] = await load([dir]);
    expect(
      unit?.problems.map((p) => `${p.location.line}:${p.location.column} ${p.code} ${p.message}`),
    ).toEqual([
      '2:5 input/unreadable resources "pipe.yaml" is not a regular file or directory; the kustomization is not rendered',
      '3:5 input/unreadable resources "/dev/zero" is not a regular file or directory; the kustomization is not rendered',
    ]);
  });

  it('refuses a kustomization over --max-file-size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-big-'));
    writeFileSync(join(dir, 'kustomization.yaml'), `# ${'x'.repeat(2000)}\nresources: []\n`);
    const [unit] = await load([dir], { maxFileSize: 1000 });
    expect(unit?.problems.map((p) => [p.code, p.message])).toEqual([
      [
        'input/too-large',
        'file is 2017 bytes, over the 1000-byte limit (--max-file-size); the kustomization is not rendered',
      ],
    ]);
  });
});

describe('Helm chart dependencies', () => {
  const helm = helmForTests();

  it('refuses a dependency from a repository that is not in charts/, at its line', async () => {
    const chart = `${fixtures}/charts/needs-download`;
    const [unit] = await load([chart], { helmBinary: helm });
    expect(unit?.resources).toEqual([]);
    // file:// dependencies come from the disk, not the network: only the repository one is refused.
    expect(unit?.problems).toEqual([
      {
        code: 'input/render-remote',
        level: 'error',
        message: `dependency "postgresql" (repository "https://charts.example.com/stable") is not in charts/ and would have to be downloaded; kubeward does not download chart dependencies: run helm dependency build ${chart} first (--allow-remote renders anyway)`,
        location: { file: `${chart}/Chart.yaml`, line: 8, column: 5 },
      },
    ]);
  });

  it('with --allow-remote leaves it to helm, which downloads nothing in helm template either', async () => {
    const chart = `${fixtures}/charts/needs-download`;
    const [unit] = await load([chart], { helmBinary: helm, allowRemote: true });
    expect(unit?.problems.map((p) => p.code)).toEqual(['input/render-failed']);
    expect(unit?.problems[0]?.message).toMatch(/missing in charts\/ directory: local-lib, postgresql/);
  });

  it('renders a chart whose dependency is vendored in charts/', async () => {
    const [unit] = await load([`${fixtures}/charts/vendored`], { helmBinary: helm });
    expect(unit?.problems).toEqual([]);
    expect(unit?.resources.map((r) => r.name).sort()).toEqual(['common-cm', 'parent-cm']);
  });
});
