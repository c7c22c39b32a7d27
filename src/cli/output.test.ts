import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../test/helpers/cli.js';
import { UsageError } from '../base/errors.js';
import { checkOutput, writeOutput, writeOutputWith } from './output.js';

afterEach(() => vi.restoreAllMocks());

const POD = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: app
      image: nginx:1.27
`;

function fresh(): string {
  return mkdtempSync(join(tmpdir(), 'kubeward-output-'));
}

describe('writeOutput', () => {
  it('writes a file through a temporary file in the same directory that is renamed into place', () => {
    const dir = fresh();
    const file = join(dir, 'report.txt');
    writeOutput(file, 'one\n');
    expect(readFileSync(file, 'utf8')).toBe('one\n');
    writeOutput(file, 'two\n');
    expect(readFileSync(file, 'utf8')).toBe('two\n');
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });

  it('keeps the old file and leaves no temporary file when writing fails half-way', () => {
    const dir = fresh();
    const file = join(dir, 'report.txt');
    writeFileSync(file, 'old report\n');
    expect(() =>
      writeOutputWith(file, {}, (out) => {
        out.write('x'.repeat(200_000));
        throw new Error('reporter failed');
      }),
    ).toThrow('reporter failed');
    expect(readFileSync(file, 'utf8')).toBe('old report\n');
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });

  it('keeps the permissions of the file it replaces', () => {
    const dir = fresh();
    const file = join(dir, 'report.txt');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o600);
    writeOutput(file, 'new\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('streams large output to standard output in several writes, byte for byte', () => {
    const chunks: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    });
    const line = 'finding\n';
    writeOutputWith('-', {}, (out) => {
      for (let i = 0; i < 100_000; i++) out.write(line);
    });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(line.repeat(100_000));
  });

  it('refuses a symbolic link unless forced, and then replaces the link, not its target', () => {
    const dir = fresh();
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious\n');
    const link = join(dir, 'results.sarif');
    symlinkSync('victim', link);
    expect(() => writeOutput(link, 'report\n')).toThrow(UsageError);
    expect(() => writeOutput(link, 'report\n')).toThrow(
      `refusing to write ${link}: it is a symbolic link (pass --force to replace the link with the output)`,
    );
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    writeOutput(link, 'report\n', { force: true });
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
    expect(readFileSync(link, 'utf8')).toBe('report\n');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  it('refuses a dangling symbolic link too (it would create the file it points to)', () => {
    const dir = fresh();
    const link = join(dir, 'out.json');
    symlinkSync(join(dir, 'elsewhere.json'), link);
    expect(() => checkOutput(link)).toThrow(UsageError);
    expect(existsSync(join(dir, 'elsewhere.json'))).toBe(false);
  });

  it('refuses one of the inputs, however it is spelled', () => {
    const dir = fresh();
    const input = join(dir, 'in.yaml');
    writeFileSync(input, POD);
    mkdirSync(join(dir, 'sub'));
    const spelled = join(dir, 'sub', '..', 'in.yaml');
    expect(() => checkOutput(spelled, { inputs: [input] })).toThrow(
      `refusing to write ${spelled}: it is the input ${input}`,
    );
    const relativeInput = relative(process.cwd(), input);
    expect(() => checkOutput(input, { inputs: [relativeInput] })).toThrow(UsageError);
    // A link to the input, replaced with --force, is not the input: the link goes, the input stays.
    symlinkSync(input, join(dir, 'alias.yaml'));
    expect(() => checkOutput(join(dir, 'alias.yaml'), { inputs: [input], force: true })).not.toThrow();
    // Another file of the same directory is fine.
    expect(() => checkOutput(join(dir, 'report.json'), { inputs: [input, dir] })).not.toThrow();
  });
});

describe('-o on the command line', () => {
  it('scan -o - writes to standard output and creates no file named -', async () => {
    const dir = fresh();
    const input = join(dir, 'pod.yaml');
    writeFileSync(input, POD);
    expect(existsSync('-')).toBe(false);
    const r = await run('scan', input, '--no-config', '-f', 'json', '-o', '-');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ resources: [{ kind: 'Pod', name: 'web' }] });
    expect(existsSync('-')).toBe(false);
  });

  it('node collect -o - writes the facts to standard output', async () => {
    const r = await run('node', 'collect', '--root', fresh(), '-o', '-');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'NodeFacts' });
    expect(existsSync('-')).toBe(false);
  });

  it('netpol generate -o - writes the policies to standard output', async () => {
    const r = await run('netpol', 'generate', 'default-deny', '-n', 'shop', '-o', '-');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('namespace: shop');
    expect(existsSync('-')).toBe(false);
  });

  it('scan in.yaml -o in.yaml is a usage error and leaves the manifest alone', async () => {
    const dir = fresh();
    const input = join(dir, 'in.yaml');
    writeFileSync(input, POD);
    const r = await run('scan', input, '--no-config', '-o', input);
    expect([r.code, r.stderr]).toEqual([
      2,
      `kubeward: refusing to write ${input}: it is the input ${input}\n`,
    ]);
    expect(readFileSync(input, 'utf8')).toBe(POD);
  });

  it('scan dir/ -o dir/a.yaml refuses an existing manifest the walk reads; a new report file there is fine', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'k8s'));
    const input = join(dir, 'k8s', 'a.yaml');
    writeFileSync(input, POD);
    const r = await run('scan', join(dir, 'k8s'), '--no-config', '-o', input);
    expect([r.code, r.stderr]).toEqual([
      2,
      `kubeward: refusing to write ${input}: it is read as an input under ${join(dir, 'k8s')}\n`,
    ]);
    expect(readFileSync(input, 'utf8')).toBe(POD);
    const report = join(dir, 'k8s', 'report.sarif');
    const ok = await run('scan', join(dir, 'k8s'), '--no-config', '-f', 'sarif', '-o', report);
    expect(ok.code).toBe(1);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ version: '2.1.0' });
  });

  it('scan refuses a values file or config file as the output', async () => {
    const dir = fresh();
    const input = join(dir, 'in.yaml');
    writeFileSync(input, POD);
    const config = join(dir, 'kubeward.yaml');
    writeFileSync(config, 'preset: recommended\n');
    const r = await run('scan', input, '-c', config, '-o', config);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it is the input');
    expect(readFileSync(config, 'utf8')).toBe('preset: recommended\n');
  });

  it('scan refuses a committed symlink as the output; --force replaces the link', async () => {
    const dir = fresh();
    const input = join(dir, 'in.yaml');
    writeFileSync(input, POD);
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'do not touch\n');
    const link = join(dir, 'results.sarif');
    symlinkSync('victim', link);
    const refused = await run('scan', input, '--no-config', '-f', 'sarif', '-o', link);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `kubeward: refusing to write ${link}: it is a symbolic link (pass --force to replace the link with the output)\n`,
    );
    const forced = await run('scan', input, '--no-config', '-f', 'sarif', '-o', link, '--force');
    expect(forced.code).toBe(1);
    expect(readFileSync(victim, 'utf8')).toBe('do not touch\n');
    expect(lstatSync(link).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(link, 'utf8'))).toMatchObject({ version: '2.1.0' });
  });

  it('node --facts F -o F and netpol generate from-connections -c F -o F are refused', async () => {
    const dir = fresh();
    const facts = join(dir, 'facts.json');
    writeFileSync(facts, '{}\n');
    const node = await run('node', '--facts', facts, '-o', facts);
    expect(node.code).toBe(2);
    expect(node.stderr).toContain(`refusing to write ${facts}: it is the input ${facts}`);
    expect(readFileSync(facts, 'utf8')).toBe('{}\n');

    const pods = join(dir, 'pods.yaml');
    writeFileSync(pods, POD);
    const list = join(dir, 'intended.txt');
    writeFileSync(list, '');
    const gen = await run('netpol', 'generate', 'from-connections', pods, '-c', list, '-o', list);
    expect(gen.code).toBe(2);
    expect(gen.stderr).toContain(`refusing to write ${list}: it is the input ${list}`);
  });
});
