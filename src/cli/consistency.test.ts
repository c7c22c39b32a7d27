import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../test/helpers/cli.js';
import { PRESETS } from '../engine/config.js';
import { UsageError } from '../base/errors.js';
import { formatProblemLine } from './problems.js';
import { parseSize } from './size.js';

afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), 'kubeward-cli-consistency-'));
const pod = 'test/fixtures/inputs/pod.json';
const facts = 'test/fixtures/node/kubeadm-cp-default/facts.json';
const netpolFixture = 'test/fixtures/netpol/union';

describe('-o/--output that cannot be written is an input error (exit 2), never an internal error', () => {
  const missing = join(dir, 'no-such-dir', 'out.txt');
  const readOnlyDir = join(dir, 'read-only');
  mkdirSync(readOnlyDir);
  chmodSync(readOnlyDir, 0o555);

  const commands: [string, string[]][] = [
    ['scan', ['scan', pod, '--no-config']],
    ['node', ['node', '--facts', facts]],
    ['node collect', ['node', 'collect', '--root', dir]],
    ['netpol list', ['netpol', 'list', netpolFixture]],
    ['netpol generate default-deny', ['netpol', 'generate', 'default-deny', '-n', 'shop']],
  ];
  for (const [name, argv] of commands) {
    it(`${name}: a missing directory and a directory`, async () => {
      const a = await run(...argv, '-o', missing);
      expect([a.code, a.stderr]).toEqual([
        2,
        expect.stringContaining(`kubeward: cannot write ${missing}: ENOENT: no such file or directory\n`),
      ]);
      expect(a.stderr).not.toMatch(/internal error|\n\s+at /);
      const b = await run(...argv, '-o', dir);
      expect([b.code, b.stderr]).toEqual([
        2,
        expect.stringContaining(`kubeward: cannot write ${dir}: EISDIR: illegal operation on a directory\n`),
      ]);
    });
  }

  // root may write anywhere, so this only means something for other users.
  it.skipIf(process.getuid?.() === 0)('scan: a directory without write permission', async () => {
    const file = join(readOnlyDir, 'report.json');
    const r = await run('scan', pod, '--no-config', '-o', file);
    expect([r.code, r.stderr]).toEqual([2, `kubeward: cannot write ${file}: EACCES: permission denied\n`]);
  });

  it('still writes a writable file', async () => {
    const file = join(dir, 'collect.json');
    const r = await run('node', 'collect', '--root', dir, '-o', file);
    expect([r.code, r.stdout]).toEqual([0, '']);
    expect(readFileSync(file, 'utf8')).toContain('"kind": "NodeFacts"');
  });
});

describe('cluster snapshot -p', () => {
  it('accepts only the presets scan accepts', async () => {
    const r = await run('cluster', 'snapshot', '-o', '-', '-p', 'bogus');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `error: option '-p, --preset <name>' argument 'bogus' is invalid. Allowed choices are ${PRESETS.join(', ')}.`,
    );
    const scan = await run('scan', pod, '-p', 'bogus');
    expect(scan.stderr).toContain(`Allowed choices are ${PRESETS.join(', ')}.`);
  });
});

describe('--max-file-size', () => {
  it('takes the same sizes in pss as in scan', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(
      big,
      `apiVersion: v1\nkind: Pod\nmetadata: { name: big }\nspec: { containers: [{ name: a, image: a }] }\n# ${'x'.repeat(2000)}\n`,
    );
    const skipped = await run('pss', big, '--max-file-size', '1k');
    expect(skipped.code).toBe(2);
    expect(skipped.stderr).toMatch(/\[input\/too-large\]\n$/);
    const read = await run('pss', big, '--max-file-size', '16M', '--level', 'privileged');
    expect([read.code, read.stderr]).toEqual([0, '']);
    const bad = await run('pss', big, '--max-file-size', 'lots');
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'kubeward: --max-file-size: not a size: lots (e.g. 1048576, 512k, 16M)\n',
    ]);
  });

  it('netpol and rbac read files with the same limits and flags as scan', async () => {
    const big = join(dir, 'big-policy.yaml');
    writeFileSync(
      big,
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: p, namespace: a }\nspec: { podSelector: {} }\n# ${'x'.repeat(2000)}\n`,
    );
    for (const argv of [
      ['netpol', 'list', big],
      ['netpol', 'coverage', big],
      ['rbac', 'who-can', 'get', 'pods', big],
    ]) {
      const skipped = await run(...argv, '--max-file-size', '1k');
      expect([argv.join(' '), skipped.code]).toEqual([argv.join(' '), 2]);
      expect(skipped.stderr).toMatch(
        /over the 1024-byte limit \(--max-file-size\); not scanned \[input\/too-large\]\n/,
      );
    }
    const read = await run('netpol', 'list', big, '--max-file-size', '16M');
    expect(read.code).toBe(0);
    expect(read.stderr).not.toContain('input/too-large');
  });

  it('parses bytes and binary units', () => {
    expect(['1048576', '512k', '16M', '1G', '16MiB', '2kb'].map(parseSize)).toEqual([
      1048576,
      512 * 1024,
      16 * 1024 ** 2,
      1024 ** 3,
      16 * 1024 ** 2,
      2048,
    ]);
    expect(() => parseSize('1.5M')).toThrow(UsageError);
  });
});

describe('an unknown command', () => {
  it('is exit 2 "unknown command" with or without --help', async () => {
    for (const [word, argv] of [
      ['score', ['score']],
      ['score', ['score', '--help']],
      ['score', ['score', '-h']],
      ['bogus', ['cluster', 'bogus', '--help']],
      ['bogus', ['netpol', 'generate', 'bogus', '--help']],
      ['bogus', ['node', 'bogus', '--help']],
      ['bogus', ['node', '--root', '/host', 'bogus', '-h']],
    ] as const) {
      const r = await run(...argv);
      expect([argv, r.code, r.stdout]).toEqual([argv, 2, '']);
      // `node` runs by itself as well as holding `collect`, so commander words it as an extra argument.
      const expected = argv[0] === 'node' ? "too many arguments for 'node'" : `unknown command '${word}'`;
      expect(r.stderr).toMatch(new RegExp(`^error: ${expected}`));
    }
  });

  it('leaves the help of real commands alone', async () => {
    for (const argv of [
      ['--help'],
      ['scan', '--help'],
      ['cluster', '--help'],
      ['netpol', 'generate', '-h'],
      ['node', '--help'],
      ['node', 'collect', '--help'],
      ['node', '--root', '/host', 'collect', '--help'],
    ]) {
      const r = await run(...argv);
      expect([argv, r.code, r.stdout]).toEqual([argv, 0, expect.stringMatching(/^Usage: kubeward/)]);
    }
  });
});

describe('input problems on stderr', () => {
  it('have one format: file:line:col: level: message [code], on one line', () => {
    expect(
      formatProblemLine({
        code: 'input/parse-error',
        level: 'error',
        message: 'bad\n  indentation\tand\u001b[31m\n',
        location: { file: 'a.yaml', line: 3, column: 7 },
      }),
    ).toBe('a.yaml:3:7: error: bad\\n  indentation\\tand\\x1b[31m [input/parse-error]\n');
  });

  it('cannot forge a CI workflow command, clear the screen or reorder text', () => {
    expect(
      formatProblemLine({
        code: 'input/invalid-object',
        level: 'warning',
        message: 'Pod "p\n::error title=kubeward::all clear" is defined twice\u001b[2J',
        location: { file: 'dir\n::warning::x/\u202Elmay.exe', line: 2, column: 1 },
      }),
    ).toBe(
      'dir\\n::warning::x/\\u202elmay.exe:2:1: warning: Pod "p\\n::error title=kubeward::all clear" is defined twice\\x1b[2J [input/invalid-object]\n',
    );
  });

  it('netpol prints them so', async () => {
    const r = await run('netpol', 'list', 'does-not-exist.yaml');
    expect(r.stderr).toMatch(/^does-not-exist\.yaml:1:1: error: .* \[input\/[a-z-]+\]\n/);
  });
});

describe('help', () => {
  it('names both config file names', async () => {
    for (const argv of [
      ['scan', '--help'],
      ['cluster', 'snapshot', '--help'],
    ]) {
      const help = (await run(...argv)).stdout.replace(/\s+/g, ' ');
      expect(help).toContain('.kubeward.yaml or .kubeward.yml found upward');
      expect(help).toContain('ignore any .kubeward.yaml or .kubeward.yml');
    }
  });
});

describe('node --facts with invalid JSON', () => {
  it('gives the position and a reason, never the file text', async () => {
    const file = join(dir, 'secret.json');
    writeFileSync(file, '{\n  "kind": "NodeFacts",\n  token-s3cr3t\n}');
    const r = await run('node', '--facts', file);
    expect([r.code, r.stderr]).toEqual([
      2,
      `kubeward: ${file}:3:3: not valid JSON: expected a double-quoted property name\n`,
    ]);
    writeFileSync(file, 's3cr3t-token');
    const bare = await run('node', '--facts', file);
    expect(bare.stderr).toBe(`kubeward: ${file}:1:1: not valid JSON: unexpected character\n`);
  });
});
