import { describe, expect, it } from 'vitest';
import { emptyResult, reversed, sampleResult, WEB_FILE } from './__fixtures__/result.js';
import { formatJson } from './json.js';

interface JsonReport {
  tool: { name: string; version: string };
  summary: Record<string, unknown>;
  resources: { kind: string; source: { file: string; docIndex: number } }[];
  findings: Record<string, unknown>[];
  problems: Record<string, unknown>[];
}

const parse = (text: string): JsonReport => JSON.parse(text) as JsonReport;

describe('formatJson', () => {
  it('matches the golden file', async () => {
    await expect(formatJson(sampleResult())).toMatchFileSnapshot('./__fixtures__/json.golden.json');
  });

  it('is indented by two spaces and ends with a newline', () => {
    const text = formatJson(sampleResult());
    expect(text.startsWith('{\n  "tool": {\n    "name": "kubeward",\n    "version": "1.2.3"\n  },')).toBe(
      true,
    );
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });

  it('summarizes unsuppressed findings by severity and counts suppressed ones apart', () => {
    expect(parse(formatJson(sampleResult())).summary).toEqual({
      resources: 4,
      findings: 5,
      suppressed: 2,
      problems: 2,
      bySeverity: { critical: 1, high: 1, medium: 1, low: 1, info: 1 },
    });
  });

  it('has exactly the top-level and finding members of the contract, in order', () => {
    const report = parse(formatJson(sampleResult()));
    expect(Object.keys(report)).toEqual(['tool', 'summary', 'resources', 'findings', 'problems']);
    const withAll = report.findings.find((f) => f.suppressed !== undefined && f.container !== undefined);
    expect(Object.keys(withAll ?? {})).toEqual([
      'ruleId',
      'severity',
      'title',
      'message',
      'resource',
      'container',
      'path',
      'location',
      'remediation',
      'refs',
      'fingerprint',
      'suppressed',
    ]);
    expect(Object.keys(report.resources[0] ?? {})).toEqual([
      'apiVersion',
      'kind',
      'namespace',
      'name',
      'source',
      'score',
    ]);
    expect(Object.keys(report.problems[0] ?? {})).toEqual(['code', 'level', 'message', 'location']);
  });

  it('writes container and suppressed only when set, and a null namespace as null', () => {
    const findings = parse(formatJson(sampleResult())).findings;
    const withoutContainer = findings.find((f) => f.ruleId === 'workload/pod-security-context');
    expect(withoutContainer).not.toHaveProperty('container');
    expect(withoutContainer).not.toHaveProperty('suppressed');
    const suppressed = findings.filter((f) => 'suppressed' in f).map((f) => f.suppressed);
    expect(suppressed).toEqual([
      { by: 'annotation', reason: 'legacy image <needs root> & "approved"' },
      { by: 'config', reason: 'debug pod, approved in SEC-123' },
    ]);
    const nightly = findings.find((f) => f.ruleId === 'workload/service-account-token');
    expect(nightly?.resource).toEqual({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      namespace: null,
      name: 'nightly',
    });
  });

  it('orders resources by file and document, findings by file, line, column and rule, problems by location', () => {
    const report = parse(formatJson(sampleResult()));
    expect(report.resources.map((r) => `${r.source.file}#${r.source.docIndex} ${r.kind}`)).toEqual([
      'manifests/jobs.yaml#0 CronJob',
      `${WEB_FILE}#0 Deployment`,
      `${WEB_FILE}#1 Service`,
      'pods/debug.yaml#0 Pod',
    ]);
    const at = report.findings.map((f) => {
      const l = f.location as { file: string; line: number };
      return `${l.file}:${l.line}`;
    });
    expect(at).toEqual([
      'manifests/jobs.yaml:9',
      'manifests/jobs.yaml:12',
      'manifests/jobs.yaml:14',
      `${WEB_FILE}:18`,
      `${WEB_FILE}:24`,
      `${WEB_FILE}:30`,
      'pods/debug.yaml:9',
    ]);
    expect(report.problems.map((p) => p.code)).toEqual(['input/parse-error', 'input/not-kubernetes']);
  });

  it('breaks ties on the same position by rule id', () => {
    const result = sampleResult();
    const [a, b] = result.findings;
    if (!a || !b) throw new Error('fixture');
    result.findings = [
      { ...b, location: { file: 'x.yaml', line: 1, column: 1 } },
      { ...a, location: { file: 'x.yaml', line: 1, column: 1 } },
    ];
    expect(parse(formatJson(result)).findings.map((f) => f.ruleId)).toEqual([
      'workload/image-tag',
      'workload/privileged',
    ]);
  });

  it('does not depend on the order of the input arrays and does not modify them', () => {
    const result = sampleResult();
    const before = JSON.stringify(result);
    const text = formatJson(result);
    expect(JSON.stringify(result)).toBe(before);
    expect(formatJson(reversed(result))).toBe(text);
  });

  it('keeps special characters intact through JSON escaping', () => {
    const findings = parse(formatJson(sampleResult())).findings;
    expect(findings.map((f) => f.message)).toContain(
      'container "backup" uses image "registry.example/backup:<latest> & more" without a digest',
    );
  });

  it('writes an empty report for an empty result', () => {
    expect(formatJson(emptyResult())).toBe(
      `${JSON.stringify(
        {
          tool: { name: 'kubeward', version: '1.2.3' },
          summary: {
            resources: 0,
            findings: 0,
            suppressed: 0,
            problems: 0,
            bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
          },
          resources: [],
          findings: [],
          problems: [],
        },
        null,
        2,
      )}\n`,
    );
  });
});
