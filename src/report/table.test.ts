import { describe, expect, it } from 'vitest';
import { emptyResult, reversed, sampleResult } from './__fixtures__/result.js';
import type { ScanResult } from '../engine/result.js';
import { formatTable, summaryLine } from './table.js';

const ESC = '\u001b[';

describe('formatTable', () => {
  it('matches the golden file', async () => {
    await expect(formatTable(sampleResult())).toMatchFileSnapshot('./__fixtures__/table.golden.txt');
  });

  it('matches the coloured golden file', async () => {
    await expect(formatTable(sampleResult(), { color: true })).toMatchFileSnapshot(
      './__fixtures__/table-color.golden.txt',
    );
  });

  it('uses ANSI colours only when asked, with the same text otherwise', () => {
    const plain = formatTable(sampleResult());
    const colored = formatTable(sampleResult(), { color: true });
    expect(plain).not.toContain(ESC);
    expect(colored).toContain(`${ESC}1;31mcritical`);
    // eslint-disable-next-line no-control-regex
    expect(colored.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('lists problems first, then resources with findings, then the summary', () => {
    const lines = formatTable(sampleResult()).split('\n');
    expect(lines[0]).toBe('Problems');
    expect(lines[1]).toMatch(/^ {2}error {4}broken\.yaml:3:7 +input\/parse-error +YAML syntax error/);
    expect(lines[2]).toMatch(/^ {2}warning {2}charts\/app\/values\.yaml:1:1 +input\/not-kubernetes/);
    const headers = lines.filter((l) => /^\S/.test(l) && l !== 'Problems');
    expect(headers).toEqual([
      'manifests/jobs.yaml:1  CronJob nightly',
      'manifests/web app/déploiement.yaml:1  Deployment prod/web',
      '4 resources, 5 findings (1 critical, 1 high, 1 medium, 1 low, 1 info), 2 suppressed, 2 problems (1 error, 1 warning)',
    ]);
    expect(lines.at(-1)).toBe('');
  });

  it('shows each finding with position, severity, rule id and message, and hides suppressed ones', () => {
    const text = formatTable(sampleResult());
    expect(text).toContain(
      '  24:13  critical  workload/privileged            container "app" runs privileged\n',
    );
    expect(text).toContain(
      '  18:7   medium    workload/pod-security-context  the pod sets no securityContext\n',
    );
    expect(text).not.toContain('shell');
    expect(text).not.toContain('pods/debug.yaml');
    expect(text).not.toContain('may run as root [');
    expect(text).not.toContain('"backup" may run as root');
  });

  it('names the container when the message does not', () => {
    const result = sampleResult();
    const first = result.findings[1];
    if (first) first.message = 'runs privileged';
    expect(formatTable(result)).toContain(
      'critical  workload/privileged            runs privileged (container app)\n',
    );
  });

  it('wraps long messages under the message column within 120 columns', () => {
    const result = sampleResult();
    const first = result.findings[1];
    if (first) first.message = `container "app" ${'runs privileged '.repeat(12)}end`;
    const lines = formatTable(result).split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
    const start = lines.findIndex((l) => l.includes('workload/privileged'));
    const column = lines[start]?.indexOf('container "app"') ?? -1;
    expect(column).toBeGreaterThan(0);
    expect(lines[start + 1]?.slice(0, column).trim()).toBe('');
    expect(lines[start + 1]?.charAt(column)).toMatch(/\S/);
    const continuation = lines
      .slice(start + 1)
      .filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith(' '.repeat(column))));
    expect(continuation.length).toBeGreaterThan(1);
    expect(continuation.at(-1)).toMatch(/ end$/);
  });

  it('makes control characters visible so a manifest cannot drive the terminal', () => {
    const result = sampleResult();
    const first = result.findings[1];
    if (first) first.message = 'evil \u001b]0;title\u0007 and\nnewline';
    const text = formatTable(result);
    expect(text).toContain('evil \\x1b]0;title\\x07 and\\nnewline');
    expect(text).not.toContain('\u0007');
  });

  it('escapes hostile names, namespaces, files and problem messages in every line', () => {
    const result: ScanResult = {
      ...emptyResult(),
      resources: [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          namespace: 'ns\u001b[2J',
          name: 'p\n::error title=kubeward::all clear',
          source: { file: 'a\u202Eyaml.exe', docIndex: 0, line: 1, column: 1 },
          score: 0,
        },
      ],
      findings: [
        {
          ...sampleResult().findings[1]!,
          message: 'container "c\u2066" runs privileged',
          container: 'c\u2066',
          resource: {
            apiVersion: 'v1',
            kind: 'Pod',
            namespace: 'ns\u001b[2J',
            name: 'p\n::error title=kubeward::all clear',
          },
          location: { file: 'a\u202Eyaml.exe', line: 7, column: 9 },
        },
      ],
      problems: [
        {
          code: 'input/parse-error',
          level: 'error',
          message: 'bad\n::error::forged',
          location: { file: 'x\u001b[2J.yaml', line: 1, column: 1 },
        },
      ],
    };
    expect(formatTable(result)).toBe(
      [
        'Problems',
        '  error    x\\x1b[2J.yaml:1:1  input/parse-error  bad\\n::error::forged',
        '',
        'a\\u202eyaml.exe:1  Pod ns\\x1b[2J/p\\n::error title=kubeward::all clear',
        '  7:9  critical  workload/privileged  container "c\\u2066" runs privileged',
        '',
        '1 resource, 1 finding (1 critical), 0 suppressed, 1 problem (1 error)',
        '',
      ].join('\n'),
    );
  });

  it('does not depend on the order of the input arrays', () => {
    expect(formatTable(reversed(sampleResult()))).toBe(formatTable(sampleResult()));
  });

  it('prints only the summary for an empty result', () => {
    expect(formatTable(emptyResult())).toBe('0 resources, 0 findings, 0 suppressed, 0 problems\n');
  });

  it('uses singular nouns for one', () => {
    const result = sampleResult();
    result.resources = result.resources.slice(0, 1);
    result.findings = result.findings.filter((f) => f.ruleId === 'workload/image-tag');
    result.problems = result.problems.filter((p) => p.level === 'error');
    expect(summaryLine(result)).toBe('1 resource, 1 finding (1 low), 0 suppressed, 1 problem (1 error)');
  });
});
