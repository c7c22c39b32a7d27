import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAsNobody } from '../../test/helpers/unprivileged.js';
import { loadInputs, DEFAULT_LOAD_OPTIONS, type LoadedUnit, type LoadOptions } from './inputs.js';

const dir = 'test/fixtures/inputs';

async function load(paths: string[], options: Partial<LoadOptions> = {}): Promise<LoadedUnit[]> {
  const units: LoadedUnit[] = [];
  for await (const unit of loadInputs(paths, { ...DEFAULT_LOAD_OPTIONS, ...options })) units.push(unit);
  return units;
}

const names = (units: LoadedUnit[]): string[] =>
  units.flatMap((u) => u.resources.map((r) => `${r.kind}/${r.name}`));

describe('loadInputs', () => {
  it('leaves out the patch files a kustomization names when walking a directory, and says so', async () => {
    const units = await load(['test/fixtures/kustomize']);
    // The deployment and the two kustomization objects are read; the two patch files are not.
    expect(names(units)).toContain('Deployment/web');
    expect(names(units).filter((n) => n === 'Deployment/web')).toHaveLength(1);
    const skipped = units.flatMap((u) => u.problems).filter((p) => p.code === 'input/kustomize-patch');
    expect(skipped.map((p) => [p.location.file, p.level])).toEqual([
      ['test/fixtures/kustomize/patched/patches/image.yaml', 'warning'],
      ['test/fixtures/kustomize/patched/replicas.yaml', 'warning'],
    ]);
  });

  it('reads a patch file named on the command line even when a named directory also walks it', async () => {
    for (const order of [
      ['test/fixtures/kustomize/patched/replicas.yaml', 'test/fixtures/kustomize'],
      ['test/fixtures/kustomize', 'test/fixtures/kustomize/patched/replicas.yaml'],
    ]) {
      const units = await load(order);
      const skipped = units.flatMap((u) => u.problems).filter((p) => p.code === 'input/kustomize-patch');
      expect(skipped.map((p) => p.location.file)).toEqual([
        'test/fixtures/kustomize/patched/patches/image.yaml',
      ]);
    }
  });

  it('still reads a patch file named on the command line', async () => {
    const [unit] = await load(['test/fixtures/kustomize/patched/replicas.yaml']);
    expect(unit?.problems).toEqual([]);
    expect(names([unit!])).toEqual(['Deployment/web']);
  });

  it('reads multi-document YAML, skipping empty documents, with document index and line', async () => {
    const [unit] = await load([`${dir}/multi.yaml`]);
    expect(unit?.problems).toEqual([]);
    expect(unit?.documents).toBe(2);
    expect(
      unit?.resources.map((r) => [r.kind, r.name, r.namespace, r.source.docIndex, r.source.line]),
    ).toEqual([
      ['Pod', 'web', 'shop', 0, 2],
      ['Deployment', 'api', null, 1, 15],
    ]);
  });

  it('resolves JSON pointers to the line and column of the field, or of its nearest parent', async () => {
    const [unit] = await load([`${dir}/multi.yaml`]);
    const pod = unit?.resources[0];
    expect(pod?.source.locate('/spec/containers/0/securityContext/privileged')).toEqual({
      file: `${dir}/multi.yaml`,
      line: 12,
      column: 9,
    });
    expect(pod?.source.locate('/spec/containers/0/securityContext/runAsNonRoot')).toEqual({
      file: `${dir}/multi.yaml`,
      line: 11,
      column: 7,
    });
    const deployment = unit?.resources[1];
    expect(deployment?.source.locate('/spec/template/spec/containers/0/image')).toEqual({
      file: `${dir}/multi.yaml`,
      line: 24,
      column: 11,
    });
  });

  it('reports a syntax error with its line and still reads the documents around it', async () => {
    const [unit] = await load([`${dir}/broken.yaml`]);
    expect(names([unit as LoadedUnit])).toEqual(['Pod/before-error', 'Pod/after-error']);
    expect(unit?.problems).toHaveLength(1);
    expect(unit?.problems[0]).toMatchObject({
      code: 'input/parse-error',
      level: 'error',
      location: { file: `${dir}/broken.yaml`, line: 14 },
    });
    expect(unit?.problems[0]?.message).toMatch(/YAML syntax error/);
  });

  it('refuses alias bombs without expanding them, and keeps the next document', async () => {
    const [unit] = await load([`${dir}/bomb.yaml`]);
    expect(unit?.problems).toHaveLength(1);
    expect(unit?.problems[0]).toMatchObject({
      code: 'input/alias-limit',
      level: 'error',
      location: { line: 7 },
    });
    expect(names([unit as LoadedUnit])).toEqual(['Pod/survivor']);
  });

  it('counts YAML that is not Kubernetes as a warning, not an error', async () => {
    const [unit] = await load([`${dir}/values.yaml`]);
    expect(unit?.resources).toEqual([]);
    expect(unit?.problems).toEqual([
      expect.objectContaining({
        code: 'input/not-kubernetes',
        level: 'warning',
        location: { file: `${dir}/values.yaml`, line: 2, column: 1 },
      }),
    ]);
  });

  it('reports objects without kind or apiVersion as errors with their line', async () => {
    const [unit] = await load([`${dir}/missing-kind.yaml`]);
    expect(unit?.problems.map((p) => [p.code, p.location.line])).toEqual([
      ['input/missing-kind', 1],
      ['input/missing-api-version', 5],
    ]);
  });

  it('expands kind: List into its items with pointers under /items/N', async () => {
    const [unit] = await load([`${dir}/list.yaml`]);
    expect(names([unit as LoadedUnit])).toEqual(['Pod/listed']);
    expect(unit?.resources[0]?.source.locate('/spec/containers/0/securityContext/privileged').line).toBe(13);
  });

  it('reads JSON files with positions', async () => {
    const [unit] = await load([`${dir}/pod.json`]);
    expect(names([unit as LoadedUnit])).toEqual(['Pod/from-json']);
    expect(unit?.resources[0]?.source.locate('/spec/containers/0/securityContext/privileged')).toMatchObject({
      line: 7,
    });
  });

  it('rejects binary and non-UTF-8 files with a problem naming the byte', async () => {
    const units = await load([`${dir}/image.yaml`, `${dir}/latin1.yaml`]);
    expect(units.map((u) => u.problems.map((p) => [p.code, p.location.line]))).toEqual([
      [['input/binary', 3]],
      [['input/encoding', 6]],
    ]);
    expect(units[1]?.problems[0]?.message).toMatch(/0xe9/);
  });

  it('decodes UTF-16 files that carry a byte-order mark', async () => {
    const [unit] = await load([`${dir}/utf16.yaml`]);
    expect(names([unit as LoadedUnit])).toEqual(['Namespace/utf16']);
  });

  it('warns about files with only comments and markers, and fails on empty standard input', async () => {
    const [unit] = await load([`${dir}/empty.yaml`]);
    expect(unit).toMatchObject({ resources: [], documents: 0 });
    expect(unit?.problems).toEqual([
      {
        code: 'input/empty',
        level: 'warning',
        message: 'file holds no documents',
        location: { file: `${dir}/empty.yaml`, line: 1, column: 1 },
      },
    ]);
    const [stdin] = await load(['-'], { stdin: [Buffer.from('')] });
    expect(stdin?.problems).toEqual([
      {
        code: 'input/empty',
        level: 'error',
        message: 'standard input holds no documents',
        location: { file: '-', line: 1, column: 1 },
      },
    ]);
  });

  it('reads a file reached twice (named, inside a named directory, or through a symlink) only once', async () => {
    const units = await load([`${dir}/pod.json`, dir, `${dir}/pod.json`, '-', '-'], {
      stdin: [Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata: {name: piped}\n')],
    });
    expect(units.filter((u) => u.file === `${dir}/pod.json`)).toHaveLength(1);
    expect(units.filter((u) => u.file === '-')).toHaveLength(1);
  });

  it('skips files over the size limit with a problem', async () => {
    const [unit] = await load([`${dir}/multi.yaml`], { maxFileSize: 100 });
    expect(unit?.resources).toEqual([]);
    expect(unit?.problems[0]).toMatchObject({ code: 'input/too-large', level: 'error' });
    expect(unit?.problems[0]?.message).toMatch(/378 bytes, over the 100-byte limit/);
  });

  it('walks directories recursively in sorted order, and reports missing paths and empty globs', async () => {
    const units = await load([dir, 'does/not/exist.yaml', `${dir}/*.nomatch`]);
    const files = units.map((u) => u.file);
    expect(files.slice(0, -2)).toEqual([...files.slice(0, -2)].sort());
    expect(files).toContain(`${dir}/pod.json`);
    expect(units.at(-2)?.problems[0]).toMatchObject({
      code: 'input/not-found',
      message: 'no such file or directory: does/not/exist.yaml',
    });
    expect(units.at(-1)?.problems[0]).toMatchObject({ code: 'input/not-found' });
  });

  it('follows symbolic links to files and directories, walks a link loop once, and reports dangling links', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kubeward-links-'));
    mkdirSync(join(tmp, 'real'));
    writeFileSync(join(tmp, 'real', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: linked}\n');
    symlinkSync(join(tmp, 'real'), join(tmp, 'real', 'loop'));
    symlinkSync(join(tmp, 'real', 'pod.yaml'), join(tmp, 'alias.yaml'));
    symlinkSync(join(tmp, 'nowhere.yaml'), join(tmp, 'dangling.yaml'));
    const units = await load([tmp]);
    expect(
      units.map((u) => [
        u.file.slice(tmp.length + 1),
        u.resources.map((r) => r.name),
        u.problems.map((p) => p.code),
      ]),
    ).toEqual([
      // real/pod.yaml is the file alias.yaml points at: read once, under the first name met.
      ['alias.yaml', ['linked'], []],
      ['dangling.yaml', [], ['input/not-found']],
    ]);
  });

  it('fails on a directory without manifests, like a glob that matches nothing', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kubeward-empty-'));
    writeFileSync(join(tmp, 'notes.txt'), 'not a manifest');
    const [unit] = await load([tmp]);
    expect(unit?.problems).toEqual([
      {
        code: 'input/not-found',
        level: 'error',
        message: `no .yaml, .yml or .json files under ${tmp}`,
        location: { file: tmp, line: 1, column: 1 },
      },
    ]);
  });

  it('expands globs', async () => {
    const units = await load([`${dir}/*.json`]);
    expect(units.map((u) => u.file)).toEqual([`${dir}/pod.json`]);
  });

  it('reads standard input', async () => {
    const units = await load(['-'], {
      stdin: [Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata: {name: piped}\n')],
    });
    expect(units[0]).toMatchObject({ file: '-' });
    expect(names(units)).toEqual(['Namespace/piped']);
  });

  it('reads YAML 1.1 octal integers as Kubernetes does', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kubeward-'));
    const file = join(tmp, 'mode.yaml');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: m}\nspec:\n  volumes:\n    - name: s\n      secret: {secretName: s, defaultMode: 0644}\n',
    );
    const [unit] = await load([file]);
    const spec = unit?.resources[0]?.object.spec as { volumes: { secret: { defaultMode: number } }[] };
    expect(spec.volumes[0]?.secret.defaultMode).toBe(0o644);
  });

  it('reads YAML 1.1 booleans as Kubernetes does, so `privileged: yes` is privileged', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kubeward-'));
    const file = join(tmp, 'yes.yaml');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: y}\nspec:\n  hostNetwork: on\n  containers:\n    - name: a\n      image: x:1\n      securityContext: {privileged: yes, readOnlyRootFilesystem: No}\n',
    );
    const [unit] = await load([file]);
    const spec = unit?.resources[0]?.object.spec as {
      hostNetwork: unknown;
      containers: { securityContext: object }[];
    };
    expect(spec.hostNetwork).toBe(true);
    expect(spec.containers[0]?.securityContext).toEqual({ privileged: true, readOnlyRootFilesystem: false });
  });

  it('reports a renderer that is not installed and reads the other inputs', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kubeward-'));
    writeFileSync(join(tmp, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
    const units = await load([tmp, `${dir}/pod.json`], { helmBinary: join(tmp, 'no-helm-here') });
    expect(units[0]?.problems[0]).toMatchObject({ code: 'input/render-failed' });
    expect(names(units)).toEqual(['Pod/from-json']);
  });
});

describe('inputs reached more than once', () => {
  it('are no error when a directory was already walked by an earlier argument, directly or through a symlink', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kubeward-twice-'));
    mkdirSync(join(tmp, 'c'));
    writeFileSync(join(tmp, 'c', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: once}\n');
    symlinkSync(tmp, `${tmp}-link`);
    const units = await load([tmp, join(tmp, 'c'), tmp, `${tmp}-link`]);
    expect(units.flatMap((u) => u.problems)).toEqual([]);
    expect(units.flatMap((u) => u.resources.map((r) => r.name))).toEqual(['once']);
  });

  it('globs follow symlinked files like directory walks do', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kubeward-globlink-'));
    writeFileSync(join(tmp, 'real.txt'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: via-link}\n');
    symlinkSync(join(tmp, 'real.txt'), join(tmp, 'pod.yaml'));
    const units = await load([`${tmp}/*.yaml`]);
    expect(units.flatMap((u) => u.resources.map((r) => r.name))).toEqual(['via-link']);
  });
});

describe('untrusted trees', () => {
  it('does not follow symbolic links that lead outside the named directory, and says so', async () => {
    const top = mkdtempSync(join(tmpdir(), 'kubeward-outside-'));
    const repo = join(top, 'repo');
    mkdirSync(join(repo, 'inner'), { recursive: true });
    mkdirSync(join(top, 'outside'));
    writeFileSync(join(repo, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: inside}\n');
    writeFileSync(join(top, 'outside', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: outside}\n');
    symlinkSync('/', join(repo, 'root'));
    symlinkSync('../outside', join(repo, 'link'));
    symlinkSync('../outside/pod.yaml', join(repo, 'file.yaml'));
    // A link that stays inside the tree is followed as before.
    symlinkSync('../pod.yaml', join(repo, 'inner', 'same.yaml'));
    const units = await load([repo]);
    expect(names(units)).toEqual(['Pod/inside']);
    const outside = units.flatMap((u) => u.problems).filter((p) => p.code === 'input/outside-root');
    expect(outside.map((p) => [p.location.file.slice(repo.length + 1), p.level, p.message])).toEqual([
      [
        'file.yaml',
        'warning',
        `symbolic link to ${top}/outside/pod.yaml, outside ${repo}; not followed (--follow-symlinks-outside follows it)`,
      ],
      [
        'link',
        'warning',
        `symbolic link to ${top}/outside, outside ${repo}; not followed (--follow-symlinks-outside follows it)`,
      ],
      [
        'root',
        'warning',
        `symbolic link to /, outside ${repo}; not followed (--follow-symlinks-outside follows it)`,
      ],
    ]);
    // Asked for, the links to the neighbouring tree are followed (the file once, under its first name).
    const followed = await load([join(repo, 'link'), join(repo, 'inner')], { followSymlinksOutside: true });
    expect(names(followed)).toEqual(['Pod/outside', 'Pod/inside']);
  });

  it('applies the same rule to globs', async () => {
    const top = mkdtempSync(join(tmpdir(), 'kubeward-globout-'));
    mkdirSync(join(top, 'repo'));
    writeFileSync(join(top, 'secret.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: outside}\n');
    symlinkSync('../secret.yaml', join(top, 'repo', 'pod.yaml'));
    const units = await load([`${top}/repo/*.yaml`]);
    expect(names(units)).toEqual([]);
    expect(units.flatMap((u) => u.problems.map((p) => p.code))).toEqual(['input/outside-root']);
  });

  it('refuses FIFOs and devices in a tree or on the command line instead of hanging or reading forever', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kubeward-special-'));
    const sub = join(tmp, 'app');
    mkdirSync(sub);
    writeFileSync(join(sub, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: kept}\n');
    execFileSync('mkfifo', [join(sub, 'kustomization.yaml')]);
    execFileSync('mkfifo', [join(tmp, 'pipe.yaml')]);
    const units = await load([tmp, '/dev/zero'], { followSymlinksOutside: true });
    expect(names(units)).toEqual(['Pod/kept']);
    expect(
      units.flatMap((u) => u.problems.map((p) => [p.location.file.replace(tmp, 'T'), p.code, p.message])),
    ).toEqual([
      [
        'T/app/kustomization.yaml',
        'input/unreadable',
        'a FIFO (named pipe), not a regular file; not scanned',
      ],
      ['T/pipe.yaml', 'input/unreadable', 'a FIFO (named pipe), not a regular file; not scanned'],
      ['/dev/zero', 'input/unreadable', 'a character device, not a regular file; not scanned'],
    ]);
  });

  it('reads a kustomization met while walking through the size limit', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kubeward-bigkust-'));
    writeFileSync(join(tmp, 'kustomization.yaml'), `patches:\n  - path: patch.yaml\n# ${'x'.repeat(200)}\n`);
    writeFileSync(join(tmp, 'patch.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: patch}\n');
    const units = await load([join(tmp, '*.yaml')], { maxFileSize: 100 });
    // The glob reads both as plain files: the kustomization is too large, the patch is not left out.
    expect(units.map((u) => [u.file.slice(tmp.length + 1), u.problems.map((p) => p.code)])).toEqual([
      ['kustomization.yaml', ['input/too-large']],
      ['patch.yaml', []],
    ]);
  });

  it('stops reading standard input at the size limit', async () => {
    let chunksRead = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        chunksRead++;
        yield Buffer.alloc(1024, 0x61);
      }
    }
    const [unit] = await load(['-'], { stdin: endless(), maxFileSize: 10 * 1024 });
    expect(unit?.problems.map((p) => [p.code, p.message])).toEqual([
      ['input/too-large', 'standard input is over the 10240-byte limit (--max-file-size); not scanned'],
    ]);
    expect(chunksRead).toBe(11);
  });

  it('reports directories a glob cannot read, and matches the rest', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kubeward-globperm-'));
    chmodSync(tmp, 0o755);
    mkdirSync(join(tmp, 'locked'));
    mkdirSync(join(tmp, 'open'), { mode: 0o755 });
    writeFileSync(join(tmp, 'open', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: open}\n');
    chmodSync(join(tmp, 'open', 'pod.yaml'), 0o644);
    chmodSync(join(tmp, 'locked'), 0o000);
    const run = runAsNobody(`
      const { loadInputs, DEFAULT_LOAD_OPTIONS } = await import(${JSON.stringify(join(process.cwd(), 'src/load/inputs.ts'))});
      for await (const unit of loadInputs([${JSON.stringify(`${tmp}/**/*.yaml`)}], DEFAULT_LOAD_OPTIONS))
        console.log(JSON.stringify([unit.file, unit.resources.map((r) => r.name), unit.problems.map((p) => [p.code, p.message])]));
    `);
    expect(run.stderr).toBe('');
    expect(
      run.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      [`${tmp}/open/pod.yaml`, ['open'], []],
      [
        `${tmp}/locked`,
        [],
        [['input/unreadable', `cannot read directory: EACCES: permission denied, scandir '${tmp}/locked'`]],
      ],
    ]);
  });
});
