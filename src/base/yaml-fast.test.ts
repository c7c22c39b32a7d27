import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../model/types.js';
import { isBlankChunk, splitDocuments } from '../load/split.js';
import { decodeDocument, decodeWithEvents, DocumentLocator, type DecodedDocument } from './yaml-document.js';

// The fast path (js-yaml 4.1) must give exactly what the original decoder (js-yaml 5 events, `decodeWithEvents`,
// kept unchanged) gives: the same value, the same error, the same line and column for every pointer. The
// original decoder is the regression oracle here; the expectations written out below are from the documented
// behaviour (Kubernetes' YAML 1.1 reading, positions at the key).

const limits = (text: string) => ({ maxDepth: 200, maxExpandedNodes: text.length + 10_000 });

function attempt(
  decode: () => DecodedDocument,
): DecodedDocument | { error: string; line: number; column: number } {
  try {
    return decode();
  } catch (error) {
    const e = error as { message: string; line: number; column: number };
    return { error: e.message, line: e.line, column: e.column };
  }
}

function pointers(value: JsonValue, prefix: string, out: string[]): string[] {
  out.push(prefix);
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    for (const [key, child] of entries)
      pointers(child as JsonValue, `${prefix}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  }
  return out;
}

/** Differences between the fast and the original decoding of one document (empty when they agree). */
function differences(text: string, maxPointers = Infinity): string[] {
  const fast = attempt(() => decodeDocument(text, limits(text)));
  const original = attempt(() => decodeWithEvents(text, limits(text)));
  if ('error' in fast || 'error' in original) {
    return JSON.stringify(fast) === JSON.stringify(original)
      ? []
      : [`outcome ${JSON.stringify([fast, original])}`];
  }
  const out: string[] = [];
  if (JSON.stringify(fast.value) !== JSON.stringify(original.value)) out.push('value');
  expect(fast.value).toStrictEqual(original.value);
  const a = new DocumentLocator(fast);
  const b = new DocumentLocator(original);
  let all = pointers(fast.value, '', []);
  if (all.length > maxPointers) all = all.filter((_, i) => i % Math.ceil(all.length / maxPointers) === 0);
  // A field that is not there resolves to its nearest parent, as before.
  for (const pointer of [...all, ...all.slice(0, 50).map((p) => `${p}/absent`)]) {
    const x = a.locate(pointer);
    const y = b.locate(pointer);
    if (x.line !== y.line || x.column !== y.column) out.push(`${pointer} ${JSON.stringify([x, y])}`);
  }
  return out;
}

function manifestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...manifestFiles(path));
    else if (/\.(ya?ml|json)$/i.test(entry.name)) out.push(path);
  }
  return out.sort();
}

function compareFiles(files: string[], maxPointers?: number): { documents: number; fast: number } {
  let documents = 0;
  let fast = 0;
  for (const file of files) {
    for (const chunk of splitDocuments(readFileSync(file, 'utf8'))) {
      if (isBlankChunk(chunk.text)) continue;
      documents++;
      expect(differences(chunk.text, maxPointers), `${file}:${chunk.startLine + 1}`).toEqual([]);
      const decoded = attempt(() => decodeDocument(chunk.text, limits(chunk.text)));
      if ('root' in decoded && decoded.root) fast++;
    }
  }
  return { documents, fast };
}

describe('fast YAML decoding', () => {
  it('reads YAML 1.1 as Kubernetes does and points at each key', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'spec:',
      '  volumes:',
      '    - name: cfg',
      '      configMap:',
      '        defaultMode: 0644',
      '  containers:',
      '    - name: "app"',
      '      securityContext: {privileged: yes, runAsUser: 0x10}',
      '      args: [~, "~", 1_000, 12:30, .inf, off]',
      '',
    ].join('\n');
    const doc = decodeDocument(text, limits(text));
    expect(doc.root).toBeDefined(); // decoded by the fast path
    expect(doc.value).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      spec: {
        volumes: [{ name: 'cfg', configMap: { defaultMode: 420 } }],
        containers: [
          {
            name: 'app',
            securityContext: { privileged: true, runAsUser: 16 },
            args: [null, '~', 1000, 750, Infinity, false],
          },
        ],
      },
    });
    const at = new DocumentLocator(doc);
    expect(at.locate('')).toEqual({ line: 0, column: 0 });
    expect(at.locate('/spec/volumes/0/configMap/defaultMode')).toEqual({ line: 6, column: 8 });
    expect(at.locate('/spec/volumes/0')).toEqual({ line: 4, column: 6 }); // the item's first key
    expect(at.locate('/spec/containers/0/securityContext/privileged')).toEqual({ line: 9, column: 24 });
    expect(at.locate('/spec/containers/0/args/4')).toEqual({ line: 10, column: 35 });
    // A missing field resolves to its nearest parent.
    expect(at.locate('/spec/containers/0/resources/limits')).toEqual({ line: 8, column: 6 });
  });

  it('hands documents with tags, anchors, merge keys, complex keys, empty items or a bad marker line to the original decoder', () => {
    const cases: [string, JsonValue | string][] = [
      ['mode: !!str 0644\n', { mode: '0644' }],
      ['base: &b {a: 1}\nderived:\n  <<: *b\n  c: 2\n', { base: { a: 1 }, derived: { a: 1, c: 2 } }],
      ['? [a, b]\n: c\n', 'YAML syntax error'],
      ['--- a: b\n', 'YAML syntax error'],
      // js-yaml 4 would put the less indented item after an empty one into the inner sequence.
      ['a:\n  -\n  - x\n', { a: [null, 'x'] }],
      ['- - a\n  -\n- b\n', [['a', null], 'b']],
      ['  -\n-\n', 'YAML syntax error'],
    ];
    for (const [text, expected] of cases) {
      const outcome = attempt(() => decodeDocument(text, limits(text)));
      if (typeof expected === 'string') expect(outcome).toHaveProperty('error');
      else {
        expect(outcome).toMatchObject({ value: expected });
        expect(outcome).not.toHaveProperty('root');
      }
      expect(differences(text)).toEqual([]);
    }
  });

  it('leaves nesting beyond the limit to the original decoder, which refuses it', () => {
    const deep = `${'['.repeat(150)}${']'.repeat(150)}\n`;
    expect(attempt(() => decodeDocument(deep, { maxDepth: 100, maxExpandedNodes: 1e6 }))).toHaveProperty(
      'error',
    );
    expect(differences(deep)).toEqual([]);
  });

  it('decodes every document of examples/ and test/fixtures/ exactly as the original decoder', () => {
    const { documents, fast } = compareFiles([
      ...manifestFiles('examples'),
      ...manifestFiles('test/fixtures'),
    ]);
    expect(documents).toBeGreaterThan(100);
    // Nearly all real documents take the fast path; the rest is what the original decoder must handle.
    expect(fast / documents).toBeGreaterThan(0.8);
  });

  const corpus = '../shared/corpus';
  it.skipIf(!existsSync(corpus))(
    'decodes a third of the shared corpus exactly as the original decoder',
    () => {
      // Every third file (1,252 in all, 21 MB): the original decoder alone takes seconds over the whole tree.
      const { documents } = compareFiles(
        manifestFiles(corpus).filter((_, i) => i % 3 === 0),
        100,
      );
      expect(documents).toBeGreaterThan(300);
    },
  );

  it('agrees with the original decoder on generated documents with awkward scalars, layouts and errors', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const scalars = [
      '0644',
      '0o644',
      '0x1F',
      '1_000',
      '12:30',
      '-0',
      '1e3',
      '.nan',
      '~',
      'Null',
      'yes',
      'No',
      'on',
      'y',
      'abc',
      'a b',
      '"dq"',
      '"a\\tb\\u00e9"',
      "'it''s'",
      '""',
      'http://x/?a=1&b=2',
      'a:b',
      'x#y',
      '2020-01-01',
      '12345678901234567890',
      '0b101',
      '09',
      '[]',
      '{}',
      '[a, b]',
      '{a: 1, "b": c}',
      '[a: 1]',
      '{a, b: c}',
      '|\n  block\n  text\n',
      '>-\n  folded\n\n  text\n',
      'plain\n  continued',
    ];
    const keys = [
      'a',
      'name',
      '"quoted"',
      "'single'",
      '1',
      '0644',
      'yes',
      '~',
      '__proto__',
      '"a/b"',
      '"t~n"',
    ];
    const node = (indent: string, depth: number): string => {
      const r = random();
      if (depth > 3 || r < 0.45) return ` ${pick(scalars).replace(/\n/g, `\n${indent}`)}`;
      if (r < 0.75) return `\n${mapping(`${indent}  `, depth + 1)}`;
      return `\n${sequence(pick([`${indent}  `, indent]), depth + 1)}`;
    };
    const mapping = (indent: string, depth: number): string => {
      const used = new Set<string>();
      let out = '';
      for (let i = 0; i < 1 + random() * 4; i++) {
        const key = pick(keys);
        if (used.has(key)) continue;
        used.add(key);
        if (random() < 0.1) out += `${indent}# comment\n`;
        out += `${indent}${key}:${random() < 0.1 ? '' : node(indent, depth)}${random() < 0.1 ? ' # c' : ''}\n`;
      }
      return out;
    };
    const sequence = (indent: string, depth: number): string => {
      let out = '';
      for (let i = 0; i < 1 + random() * 3; i++) {
        const r = random();
        if (r < 0.3) out += `${indent}- ${mapping('', depth + 1).replace(/\n(?=.)/g, `\n${indent}  `)}`;
        else if (r < 0.4) out += `${indent}- - ${pick(scalars).split('\n')[0]}\n`;
        else if (r < 0.45) out += `${indent}-\n`;
        else out += `${indent}-${node(`${indent}  `, depth)}\n`;
      }
      return out;
    };
    for (let n = 0; n < 1500; n++) {
      let text = random() < 0.5 ? mapping('', 0) : sequence('', 0);
      if (random() < 0.2) text = `---${pick([' ', '\n'])}${text}`;
      if (random() < 0.3) {
        const at = Math.floor(random() * text.length);
        text =
          text.slice(0, at) +
          pick(['', ' ', '\t', ':', '-', '"', '#', '\n', '[', '}', '|']) +
          text.slice(at + 1);
      }
      if (random() < 0.1) text = text.replace(/\n/g, '\r\n');
      expect(differences(text), JSON.stringify(text)).toEqual([]);
    }
  });
});
