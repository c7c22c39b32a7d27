import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, factsOf } from '../../test/fixtures/node/facts-of.js';
import { benchmarkById } from './benchmarks/index.js';
import { allChecks, evaluate, selectBenchmark, type Status } from './evaluate.js';
import { parseFacts, stringifyFacts, type NodeFacts } from './facts.js';

const STATUS: Record<string, Status> = {
  PASS: 'PASS',
  FAIL: 'FAIL',
  WARN: 'WARN',
  INFO: 'INFO',
  NA: 'NOT_APPLICABLE',
};

// Reads a hand-written expectations table: one row per check, one column per fixture.
function table(file: string): { fixtures: string[]; rows: Map<string, Map<string, Status>> } {
  const lines = readFileSync(new URL(`../../test/fixtures/node/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const [header, ...body] = lines.map((l) => l.split('\t'));
  const fixtures = (header ?? []).slice(1);
  const rows = new Map<string, Map<string, Status>>();
  for (const [id, ...cells] of body) {
    const row = new Map<string, Status>();
    cells.forEach((cell, i) => {
      const status = STATUS[cell];
      if (!status) throw new Error(`${file}: ${id}: unknown status ${cell}`);
      row.set(fixtures[i] as string, status);
    });
    rows.set(id as string, row);
  }
  return { fixtures, rows };
}

function committedFacts(name: string): NodeFacts {
  const file = `test/fixtures/node/${name}/facts.json`;
  return parseFacts(readFileSync(file, 'utf8'), file);
}

function statuses(facts: NodeFacts, benchmark: string): Map<string, Status> {
  const report = evaluate(facts, selectBenchmark(facts, benchmark));
  return new Map(
    report.sections.flatMap((s) => s.groups.flatMap((g) => g.results.map((r) => [r.id, r.status]))),
  );
}

describe.each([
  ['cis-1.12', 'expected-cis-1.12.tsv'],
  ['eks-1.8', 'expected-eks-1.8.tsv'],
])('%s on the node fixtures', (benchmarkId, file) => {
  const expected = table(file);
  const benchmark = benchmarkById(benchmarkId);
  if (!benchmark) throw new Error(benchmarkId);
  const automated = allChecks(benchmark)
    .filter((c) => c.automated)
    .map((c) => c.id);

  it('has an expectation for every automated check, and only for those', () => {
    expect([...expected.rows.keys()].sort()).toEqual([...automated].sort());
  });

  it('covers passing and failing results for every automated check', () => {
    // Every automated check passes on some fixture and fails on another.
    for (const id of automated) {
      const row = [...(expected.rows.get(id)?.values() ?? [])];
      expect(row, id).toContain('PASS');
      expect(row, id).toContain('FAIL');
    }
  });

  for (const fixture of expected.fixtures) {
    it(`${fixture}: facts.json gives the expected result of every automated check`, () => {
      const got = statuses(committedFacts(fixture), benchmarkId);
      const want = new Map([...expected.rows].map(([id, row]) => [id, row.get(fixture)]));
      expect(Object.fromEntries(automated.map((id) => [id, got.get(id)]))).toEqual(
        Object.fromEntries(automated.map((id) => [id, want.get(id)])),
      );
    });
  }
});

describe('fixture trees', () => {
  it.each(FIXTURES)('%s: probing the root tree gives the committed facts.json', (name) => {
    expect(stringifyFacts(factsOf(name))).toBe(readFileSync(`test/fixtures/node/${name}/facts.json`, 'utf8'));
  });
});
