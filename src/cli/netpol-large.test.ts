import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadText } from '../load/documents.js';
import type { LoadedUnit } from '../load/inputs.js';
import type { Resource } from '../model/types.js';
import { run } from '../../test/helpers/cli.js';
import { main } from './main.js';

// Inputs of this size take seconds to parse as YAML, so the loader is replaced by one that hands the
// command a unit built in memory; everything after loading is the real command.
const fake = vi.hoisted(() => ({ unit: undefined as LoadedUnit | undefined }));
vi.mock('../load/inputs.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../load/inputs.js')>();
  return {
    ...actual,
    loadInputs: (paths: readonly string[], options: Parameters<typeof actual.loadInputs>[1]) =>
      fake.unit
        ? (async function* () {
            yield fake.unit as LoadedUnit;
          })()
        : actual.loadInputs(paths, options),
  };
});

afterEach(() => {
  fake.unit = undefined;
});

const deployment = (ns: string, name: string): string => `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${ns} }
spec:
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: main, image: app:1 }] }
`;

// Spreading an array into push() fails from ~120,000 elements in the CLI; test workers have a larger stack,
// hence a million objects here.
describe('netpol over one input unit of a million objects and 300,000 problems', () => {
  it('finishes and reports instead of overflowing the stack', async () => {
    const { resources } = loadText(
      deployment('shop', 'web') +
        deployment('shop', 'api') +
        '---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: shop }\n',
      { file: 'big.yaml' },
    );
    const [web, api, configMap] = resources as [Resource, Resource, Resource];
    const problem = {
      code: 'input/missing-api-version' as const,
      level: 'error' as const,
      message: 'X has no apiVersion; not scanned',
      location: { file: 'big.yaml', line: 2, column: 1 },
    };
    fake.unit = {
      file: 'big.yaml',
      // 1,000,000 ConfigMaps (the analysis reads none) around the two workloads.
      resources: [web, ...Array<Resource>(1000000).fill(configMap), api],
      problems: Array<typeof problem>(300000).fill(problem),
      documents: 1300002,
    };
    const r = await run('netpol', 'list', 'big.yaml', '--no-metadata-endpoint');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(
      '0.0.0.0-255.255.255.255[External] => shop/api[Deployment] : All Connections\n' +
        '0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections\n' +
        'shop/api[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections\n' +
        'shop/api[Deployment] => shop/web[Deployment] : All Connections\n' +
        'shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections\n' +
        'shop/web[Deployment] => shop/api[Deployment] : All Connections\n',
    );
    const lines = r.stderr.split('\n');
    const line = 'big.yaml:2:1: error: X has no apiVersion; not scanned [input/missing-api-version]';
    expect(lines.filter((l) => l === line)).toHaveLength(300000);
  });
});

describe('netpol list over 1,000 workloads without policies', () => {
  it('streams the million connections in bounded pieces', async () => {
    let yaml = '';
    for (let i = 0; i < 1000; i++) yaml += deployment('bulk', `w${String(i).padStart(3, '0')}`);
    const { resources, problems } = loadText(yaml, { file: 'bulk.yaml' });
    fake.unit = { file: 'bulk.yaml', resources, problems, documents: 1000 };
    // Counts what is written instead of keeping it: the point is that nobody holds the whole list.
    let lines = 0;
    let bytes = 0;
    let largest = 0;
    let head = '';
    let tail = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      const text = String(chunk);
      bytes += Buffer.byteLength(text);
      largest = Math.max(largest, text.length);
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
      if (head.length < 300) head += text.slice(0, 300);
      tail = (tail + text).slice(-300);
      return true;
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await main(['netpol', 'list', 'bulk.yaml', '--no-metadata-endpoint']);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(code).toBe(0);
    // 1,000 × 999 workload pairs, plus each workload to and from the one external range.
    expect(lines).toBe(1000 * 999 + 2 * 1000);
    // "bulk/wNNN[Deployment]" is 21 bytes, the external range 33, " => " 4, " : All Connections\n" 19.
    expect(bytes).toBe(1000 * 999 * (21 + 4 + 21 + 19) + 2 * 1000 * (33 + 4 + 21 + 19));
    expect(largest).toBeLessThan(70000);
    expect(head.split('\n').slice(0, 2)).toEqual([
      '0.0.0.0-255.255.255.255[External] => bulk/w000[Deployment] : All Connections',
      '0.0.0.0-255.255.255.255[External] => bulk/w001[Deployment] : All Connections',
    ]);
    expect(tail.split('\n').slice(-3)).toEqual([
      'bulk/w999[Deployment] => bulk/w997[Deployment] : All Connections',
      'bulk/w999[Deployment] => bulk/w998[Deployment] : All Connections',
      '',
    ]);
  });
});
