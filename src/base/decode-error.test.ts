import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../test/helpers/cli.js';
import { parseFacts } from '../node/facts.js';
import { collectFacts } from '../node/probe/collect.js';
import { connectCluster } from '../load/cluster.js';
import { readConfigFile } from '../load/config-file.js';
import { loadText } from '../load/documents.js';
import { describeYamlError } from './yaml-document.js';

afterEach(() => vi.restoreAllMocks());

// A password written unquoted: YAML reads `!…` as a tag and `*…` as an alias, and js-yaml's reason for the
// error quotes the token. No message may show it.
const SECRET = 'Hunter2pass';
const UNKNOWN_TAG = 'unknown tag (an unquoted value starting with ! is read as a tag: quote the value)';
const UNDEFINED_ALIAS =
  'undefined alias (an unquoted value starting with * is read as an alias: quote the value)';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kubeward-decode-'));
}

function secretManifest(value: string): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: ${value}\n`;
}

describe('describeYamlError', () => {
  it.each([
    [`!${SECRET}`, UNKNOWN_TAG],
    [`!!${SECRET}`, UNKNOWN_TAG],
    [`!<tag:${SECRET}>`, UNKNOWN_TAG],
    [`*${SECRET}`, UNDEFINED_ALIAS],
    [`!${SECRET}!x y`, 'undeclared tag handle'],
    [`!${SECRET}%zz`, 'invalid tag name'],
    [`!!int ${SECRET}`, 'the value does not match its explicit tag'],
    [`!${SECRET}[x`, 'tag suffix cannot contain flow indicator characters'],
  ])('password: %s in a manifest gives "%s" and not the token', (value, kind) => {
    const loaded = loadText(secretManifest(value), { file: 'secret.yaml' });
    expect(loaded.resources).toEqual([]);
    expect(loaded.problems).toHaveLength(1);
    const problem = loaded.problems[0]!;
    expect(problem.code).toBe('input/parse-error');
    expect(problem.message).toBe(`YAML syntax error: ${kind}`);
    expect(problem.location.file).toBe('secret.yaml');
    expect(problem.location.line).toBe(6);
    expect(JSON.stringify(problem)).not.toContain(SECRET);
  });

  it('points at the tag (column 13, just after "  password: ") or the name of the alias (column 14)', () => {
    const at = (value: string) =>
      loadText(secretManifest(value), { file: 'secret.yaml' }).problems[0]?.location;
    expect(at(`!${SECRET}`)).toEqual({ file: 'secret.yaml', line: 6, column: 13 });
    expect(at(`*${SECRET}`)).toEqual({ file: 'secret.yaml', line: 6, column: 14 });
  });

  it('keeps reasons that quote nothing, and hides any reason it does not know', () => {
    expect(
      describeYamlError({ reason: 'bad indentation of a mapping entry', mark: { line: 2, column: 4 } }),
    ).toEqual({ message: 'bad indentation of a mapping entry', line: 2, column: 4 });
    expect(
      describeYamlError({ reason: 'nesting exceeded maxDepth (50)', mark: { line: 0, column: 0 } })?.message,
    ).toBe('nesting exceeded maxDepth (50)');
    expect(describeYamlError({ reason: `some new reason: ${SECRET}`, mark: { line: 1, column: 1 } })).toEqual(
      {
        message: 'not valid YAML',
        line: 1,
        column: 1,
      },
    );
    expect(describeYamlError(new Error(SECRET))).toBeUndefined();
  });

  it('scan shows neither the token nor a snippet in any output', async () => {
    const dir = tempDir();
    const file = join(dir, 'secret.yaml');
    writeFileSync(file, secretManifest(`!${SECRET}`));
    for (const format of ['table', 'json', 'sarif', 'junit']) {
      const r = await run('scan', file, '--no-config', '-f', format);
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).toContain('unknown tag');
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    }
  });
});

describe('every other decoder message is free of document content', () => {
  it('a config file: path, line and column, and the kind of error', () => {
    const dir = tempDir();
    for (const [value, where] of [
      [`!${SECRET}`, `2:9: invalid config: ${UNKNOWN_TAG}`],
      [`*${SECRET}`, `2:10: invalid config: ${UNDEFINED_ALIAS}`],
    ] as const) {
      const file = join(dir, '.kubeward.yaml');
      writeFileSync(file, `failOn: high\npreset: ${value}\n`);
      expect(() => readConfigFile(file)).toThrow(`${file}:${where}`);
      let message = '';
      try {
        readConfigFile(file);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toContain(SECRET);
    }
  });

  it('a kubeconfig (read by @kubernetes/client-node, which has its own js-yaml)', async () => {
    const dir = tempDir();
    for (const [value, kind] of [
      [`!${SECRET}`, UNKNOWN_TAG],
      [`*${SECRET}`, UNDEFINED_ALIAS],
    ] as const) {
      const file = join(dir, 'kubeconfig');
      writeFileSync(
        file,
        `apiVersion: v1\nkind: Config\nusers:\n  - name: u\n    user:\n      token: ${value}\n`,
      );
      let message = '';
      try {
        await connectCluster({ kubeconfig: file });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(
        new RegExp(`^cannot read kubeconfig ${file}: invalid YAML at line \\d+, column \\d+: `),
      );
      expect(message.endsWith(kind)).toBe(true);
      expect(message).not.toContain(SECRET);
    }
  });

  it('a facts file: JSON.parse would quote the text, the message does not', () => {
    for (const text of [`{"token": ${SECRET}}`, `{"token": "x" ${SECRET}}`, `{${SECRET}: 1}`]) {
      let message = '';
      try {
        parseFacts(text, 'facts.json');
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^facts\.json:1:\d+: not valid JSON: /);
      expect(message).not.toContain(SECRET);
      expect(message).not.toContain(SECRET.slice(0, 4));
    }
  });

  it('a kubelet config file under --root', () => {
    const root = tempDir();
    const put = (path: string, content: string): void => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), content);
    };
    // An empty proc/ so that no process of the machine running the test is looked at.
    mkdirSync(join(root, 'proc'));
    put(
      'usr/lib/systemd/system/kubelet.service',
      '[Service]\nExecStart=/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml\n',
    );
    put(
      'var/lib/kubelet/config.yaml',
      `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nstaticPodPath: !${SECRET}\n`,
    );
    const facts = collectFacts({ root, procDir: join(root, 'proc') });
    const text = JSON.stringify(facts);
    expect(text).toContain(`/var/lib/kubelet/config.yaml:3:16: invalid YAML: ${UNKNOWN_TAG}`);
    expect(text).not.toContain(SECRET);
  });
});
