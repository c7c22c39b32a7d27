import { describe, expect, it } from 'vitest';
import type { Finding, ScanResult } from '../engine/result.js';
import type { KubesecReport } from '../analysis/kubesec/score.js';
import type { Problem } from '../model/types.js';
import { guardSpreadArguments } from '../../test/helpers/spread.js';
import { RULES } from './__fixtures__/result.js';
import { FORMATS, resultWriter } from './index.js';
import { formatTable } from './table.js';
import type { ReportWriter } from './writer.js';

guardSpreadArguments();

const COUNT = 200_000;
const RULE = RULES[0]!;
const POD = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'big' };

// 200,000 problems, and 200,000 findings on 20,000 Pods of one file (ten each, as a Pod of a few containers
// gets): every list a reporter handles is larger than one call could take as arguments.
function largeResult(format: (typeof FORMATS)[number]): ScanResult {
  const problems: Problem[] = [];
  const findings: Finding[] = [];
  const pods = Array.from({ length: COUNT / 10 }, (_, i) => ({ ...POD, name: `p${i}` }));
  for (let i = 0; i < COUNT; i++) {
    problems.push({
      code: 'input/missing-api-version',
      level: 'error',
      message: 'X has no apiVersion; not scanned',
      location: { file: 'many.yaml', line: 2 * i + 2, column: 1 },
    });
    findings.push({
      ruleId: RULE.id,
      severity: RULE.severity,
      title: RULE.title,
      message: `container "c${i}" may run as root`,
      resource: pods[Math.floor(i / 10)]!,
      container: `c${i}`,
      path: `/spec/containers/${i}/securityContext`,
      location: { file: 'big.yaml', line: i + 1, column: 5 },
      remediation: RULE.remediation,
      refs: RULE.refs,
      fingerprint: i.toString(16).padStart(32, '0'),
    });
  }
  const kubesec: KubesecReport[] = Array.from({ length: format === 'kubesec' ? COUNT : 0 }, (_, i) => ({
    object: `Pod/p${i}.default`,
    valid: true,
    fileName: 'many.yaml',
    message: 'Passed with a score of 0 points',
    score: 0,
    scoring: { critical: [], passed: [], advise: [] },
  }));
  return {
    tool: { name: 'kubeward', version: '0.0.0-test' },
    resources: pods.map((pod, i) => ({
      ...pod,
      source: { file: 'big.yaml', docIndex: i, line: 10 * i + 1, column: 1 },
      score: 0,
    })),
    findings,
    problems,
    rules: [RULE],
    documents: COUNT + 1,
    kubesec,
  };
}

// Keeps no text: counts the chunks holding `marker` (every reporter writes one list item per chunk) and
// keeps the last characters, so that the test's own memory stays small.
class CountingWriter implements ReportWriter {
  items = 0;
  bytes = 0;
  tail = '';
  constructor(private readonly marker: string) {}
  write(chunk: string): void {
    if (chunk.includes(this.marker)) this.items++;
    this.bytes += chunk.length;
    this.tail = (this.tail + chunk).slice(-200);
  }
}

describe('reports of 200,000 problems and 200,000 findings', () => {
  // Each test builds its own result, so that no two are alive at once.
  const markers: Record<(typeof FORMATS)[number], [marker: string, items: number, tail: string]> = {
    table: ['', 0, ''],
    json: ['"fingerprint":', COUNT, '\n  ]\n}\n'],
    sarif: ['"partialFingerprints"', COUNT, '\n    }\n  ]\n}\n'],
    junit: ['<testcase ', COUNT + COUNT / 10, '</testsuites>\n'],
    kubesec: ['"object": "Pod/p', COUNT, '\n  }\n]\n'],
  };

  for (const format of FORMATS.filter((f) => f !== 'table')) {
    it(`${format}: written in full`, async () => {
      const [marker, items, tail] = markers[format];
      const out = new CountingWriter(marker);
      (await resultWriter(format))(largeResult(format), out);
      expect(out.items).toBe(items);
      expect(out.tail.endsWith(tail)).toBe(true);
    });
  }

  it('table: aligns and lists every problem and finding', () => {
    const text = formatTable(largeResult('table'));
    let lines = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    // Header, problems, blank line; per Pod a header, ten findings and a blank line; the summary.
    expect(lines).toBe(1 + COUNT + 1 + (COUNT / 10) * 12 + 1);
    expect(text.slice(text.indexOf('\n') + 1, text.indexOf('\n', 10))).toMatch(
      /^ {2}error {4}many\.yaml:2:1 +input\/missing-api-version {2}X has no apiVersion; not scanned$/,
    );
    expect(text).toContain('\nbig.yaml:199991  Pod default/p19999\n');
    expect(text).toMatch(
      /\n {2}200000:5 +high +workload\/run-as-root +container "c199999" may run as root\n/,
    );
    expect(
      text.endsWith(
        '\n20000 resources, 200000 findings (200000 high), 0 suppressed, 200000 problems (200000 errors)\n',
      ),
    ).toBe(true);
  });
});
