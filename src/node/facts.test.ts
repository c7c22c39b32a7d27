import { describe, expect, it } from 'vitest';
import { InputError } from '../base/errors.js';
import { jsonSyntaxError, parseFacts, stringifyFacts, validateFacts, type NodeFacts } from './facts.js';

const minimal = (): NodeFacts => ({
  kind: 'NodeFacts',
  schemaVersion: 1,
  collector: { mode: 'manual' },
  platform: { name: 'kubeadm', evidence: [] },
  kubernetesVersion: { version: 'v1.32.3', evidence: [] },
  components: [],
  files: {},
});

describe('NodeFacts validation', () => {
  it('accepts a minimal document', () => {
    expect(validateFacts(minimal())).toEqual([]);
  });

  it('names the JSON path of every problem', () => {
    const doc = {
      ...minimal(),
      schemaVersion: 2,
      components: [{ name: 'kubelett', source: { kind: 'process', pid: 'x' }, argv: [] }],
      files: { 'relative/path': { type: 'file', mode: '0o644', uid: 0 }, '/ok': { type: 'unreadable' } },
    };
    expect(validateFacts(doc)).toEqual([
      { path: '$.schemaVersion', message: 'expected 1 (this kubeward reads schema version 1), got 2' },
      {
        path: '$.components[0].name',
        message:
          'expected one of kube-apiserver, kube-controller-manager, kube-scheduler, etcd, kubelet, kube-proxy',
      },
      { path: '$.components[0].source.pid', message: 'expected an integer' },
      { path: '$.components[0].argv', message: 'expected at least argv[0]' },
      { path: '$.files["relative/path"]', message: 'file keys must be absolute paths' },
      {
        path: '$.files["relative/path"].mode',
        message: 'expected octal permission bits such as "600", got "0o644"',
      },
      { path: '$.files["relative/path"].gid', message: 'required for an existing path' },
      { path: '$.files["/ok"].error', message: 'required for "unreadable"' },
    ]);
  });

  it('throws an InputError with the file name and the issues', () => {
    expect(() => parseFacts('{"kind":"NodeFacts"}', 'node.json')).toThrow(InputError);
    expect(() => parseFacts('{"kind":"NodeFacts"}', 'node.json')).toThrow(
      /^node\.json: not a valid NodeFacts document: \$\.schemaVersion: [^;]+; /,
    );
  });

  it('reports JSON syntax errors with line and column', () => {
    expect(() => parseFacts('{\n  "kind": "NodeFacts",\n  oops\n}', 'f.json')).toThrow(
      /^f\.json:3:3: not valid JSON/,
    );
  });

  it('never quotes the file in a JSON syntax error, only the position and a generic reason', () => {
    const cases: [string, string][] = [
      [
        '{\n  "token": "s3cr3t",\n  oops\n}',
        'f.json:3:3: not valid JSON: expected a double-quoted property name',
      ],
      ['s3cr3t-token', 'f.json:1:1: not valid JSON: unexpected character'],
      ['{"token": "s3cr3t"', 'f.json:1:19: not valid JSON: unexpected end of input'],
      ['{"token": "s3cr3t"} s3cr3t', 'f.json:1:21: not valid JSON: unexpected text after the JSON value'],
      ['["s3cr3t\\q"]', 'f.json:1:10: not valid JSON: bad escape in a string'],
      ['[1, -s3cr3t]', 'f.json:1:6: not valid JSON: bad number'],
      ['', 'f.json:1:1: not valid JSON: unexpected end of input'],
    ];
    for (const [text, message] of cases) {
      let thrown: unknown;
      try {
        parseFacts(text, 'f.json');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InputError);
      expect((thrown as Error).message).toBe(message);
    }
  });

  it('finds the JSON syntax error where JSON.parse does, at any depth', () => {
    for (const text of ['{"a":[1,2,]}', '{"a" 1}', '[1 2]', '"\\u12x4"', '[tru]', '{"a":1,}']) {
      const v8 = /position (\d+)/.exec(
        (() => {
          try {
            JSON.parse(text);
            return '';
          } catch (error) {
            return (error as Error).message;
          }
        })(),
      );
      const found = jsonSyntaxError(text);
      expect(found).toBeDefined();
      if (v8) expect(found?.offset).toBe(Number(v8[1]));
    }
    expect(jsonSyntaxError('{"a":[{"b":null}],"c":-1.5e3,"d":"\\u00e9\\n"}')).toBeUndefined();
    expect(jsonSyntaxError('['.repeat(100_000) + ']'.repeat(100_000))).toBeUndefined();
  });

  it('serialises with sorted keys', () => {
    expect(stringifyFacts(minimal()).split('\n').slice(1, 4)).toEqual([
      '  "collector": {',
      '    "mode": "manual"',
      '  },',
    ]);
  });
});
