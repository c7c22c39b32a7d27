import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv, type AnySchemaObject } from 'ajv';
import formats from 'ajv-formats';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { DEBUG_FILE, WEB_FILE, emptyResult, reversed, sampleResult } from './__fixtures__/result.js';
import { artifactLocation, formatSarif, ruleName, sarifLevel, securitySeverity } from './sarif.js';

// The official schema is draft-04 (`id`, draft-04 `$schema`); ajv 8 speaks draft-07, which reads it the
// same way once `id` is renamed, since the schema uses no keyword whose meaning changed between drafts.
function sarifValidator() {
  const text = readFileSync(new URL('../../test/schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8');
  const { id, $schema: _draft04, ...rest } = JSON.parse(text) as AnySchemaObject;
  const ajv = new Ajv({ allErrors: true, strict: false });
  formats.default(ajv);
  return ajv.compile({ $id: id as string, ...rest });
}

const validate = sarifValidator();

function parse(text: string): Log {
  return JSON.parse(text) as Log;
}

describe('formatSarif', () => {
  it('produces logs that validate against the SARIF 2.1.0 schema', () => {
    for (const result of [sampleResult(), emptyResult()]) {
      const log = parse(formatSarif(result));
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
  });

  it('rejects an invalid log (the validator is live)', () => {
    const log = parse(formatSarif(sampleResult())) as unknown as { runs: { results: { level: string }[] }[] };
    const first = log.runs[0]?.results[0];
    if (first) first.level = 'critical';
    expect(validate(log)).toBe(false);
  });

  it('checks URI formats (a raw space is rejected)', () => {
    const log = parse(formatSarif(sampleResult())) as unknown as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const location = log.runs[0]?.results[0]?.locations[0];
    if (location) location.physicalLocation.artifactLocation.uri = 'web app.yaml';
    expect(validate(log)).toBe(false);
  });

  it('matches the golden file', async () => {
    await expect(formatSarif(sampleResult())).toMatchFileSnapshot('./__fixtures__/sarif.golden.json');
  });

  it('does not depend on the order of the input arrays', () => {
    expect(formatSarif(reversed(sampleResult()))).toBe(formatSarif(sampleResult()));
  });

  it('describes every rule that ran, sorted by id, and points each result at its rule', () => {
    const run = parse(formatSarif(sampleResult())).runs[0];
    const rules = run?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual([
      'workload/host-network',
      'workload/image-tag',
      'workload/pod-security-context',
      'workload/privileged',
      'workload/run-as-root',
      'workload/service-account-token',
    ]);
    for (const r of run?.results ?? []) {
      expect(r.ruleIndex).toBeDefined();
      expect(rules[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);
    }
    const privileged = rules.find((r) => r.id === 'workload/privileged');
    expect(privileged).toMatchObject({
      name: 'WorkloadPrivileged',
      shortDescription: { text: 'Container runs privileged' },
      fullDescription: { text: 'Container runs privileged: description of workload/privileged.' },
      helpUri: 'https://github.com/kubeward/kubeward/blob/main/docs/rules/workload/privileged.md',
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: [
          'security',
          'kubernetes',
          'cis:5.2.2',
          'pss:baseline/privileged',
          'mitre:T1611',
          'kubesec:Privileged',
        ],
        'security-severity': '9.5',
      },
    });
    expect(privileged?.help?.markdown).toContain('**Remediation:** Fix workload/privileged.');
    expect(privileged?.help?.text).toContain('References: CIS 5.2.2, PSS baseline/privileged');
    const info = rules.find((r) => r.id === 'workload/service-account-token');
    expect(info?.properties?.['security-severity']).toBeUndefined();
    expect(info?.defaultConfiguration?.level).toBe('note');
  });

  it('maps findings to results with level, location, logical location and fingerprint', () => {
    const results = parse(formatSarif(sampleResult())).runs[0]?.results ?? [];
    expect(results).toHaveLength(7);
    const privileged = results.find(
      (r) => r.message.text === 'Deployment prod/web: container "app" runs privileged',
    );
    expect(privileged).toEqual({
      ruleId: 'workload/privileged',
      ruleIndex: 3,
      level: 'error',
      message: { text: 'Deployment prod/web: container "app" runs privileged' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'manifests/web%20app/d%C3%A9ploiement.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 24, startColumn: 13 },
          },
          logicalLocations: [{ kind: 'resource', name: 'web', fullyQualifiedName: 'Deployment/prod/web' }],
        },
      ],
      // kubeward/v2 = sha256 of the finding fingerprint, NUL, and the artifact URI, cut to 32 hex digits.
      partialFingerprints: {
        'kubeward/v2': createHash('sha256')
          .update('fffffffffffffffffffffffffffffff2\u0000manifests/web%20app/d%C3%A9ploiement.yaml')
          .digest('hex')
          .slice(0, 32),
      },
      properties: {
        severity: 'critical',
        path: '/spec/template/spec/containers/0/securityContext/privileged',
        container: 'app',
      },
    });
    // A cluster-scoped-style object has no namespace part; a finding without container has no container.
    const token = results.find((r) => r.ruleId === 'workload/service-account-token');
    expect(token?.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName).toBe('CronJob/nightly');
    expect(token?.properties).not.toHaveProperty('container');
    expect(results.map((r) => r.level)).toEqual([
      'note',
      'error',
      'note',
      'warning',
      'error',
      'error',
      'error',
    ]);
  });

  it('gives the same fingerprint whatever spelling of the same path was scanned', () => {
    const base = sampleResult();
    const finding = base.findings[0];
    if (!finding) throw new Error('sample has findings');
    const spellings = ['examples/a.yaml', './examples/a.yaml', 'examples//a.yaml', 'examples/./a.yaml'];
    const prints = spellings.map((file) => {
      const results = parse(
        formatSarif({ ...base, findings: [{ ...finding, location: { ...finding.location, file } }] }),
      ).runs[0]?.results;
      return [
        results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
        results?.[0]?.partialFingerprints?.['kubeward/v2'],
      ];
    });
    expect(new Set(prints.map((p) => JSON.stringify(p))).size).toBe(1);
    expect(prints[0]?.[0]).toBe('examples/a.yaml');
  });

  it('gives the same object in two files two different fingerprints', () => {
    const base = sampleResult();
    const finding = base.findings[0];
    if (!finding) throw new Error('sample has findings');
    const twin = { ...finding, location: { ...finding.location, file: 'release/all.yaml' } };
    const results = parse(formatSarif({ ...base, findings: [finding, twin] })).runs[0]?.results ?? [];
    const prints = results.map((r) => r.partialFingerprints?.['kubeward/v2']);
    expect(prints).toHaveLength(2);
    expect(prints[0]).not.toBe(prints[1]);
  });

  it('keeps suppressed findings with external (config) and inSource (annotation) suppressions', () => {
    const results = parse(formatSarif(sampleResult())).runs[0]?.results ?? [];
    const byConfig = results.find(
      (r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri === DEBUG_FILE,
    );
    expect(byConfig?.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'debug pod, approved in SEC-123' },
    ]);
    const byAnnotation = results.find((r) => r.suppressions?.[0]?.kind === 'inSource');
    expect(byAnnotation?.suppressions?.[0]?.justification).toBe('legacy image <needs root> & "approved"');
    expect(results.filter((r) => r.suppressions)).toHaveLength(2);
  });

  it('reports problems as tool execution notifications', () => {
    const run = parse(formatSarif(sampleResult())).runs[0];
    const invocation = run?.invocations?.[0];
    expect(invocation?.executionSuccessful).toBe(false);
    expect(run?.tool.driver.notifications?.map((n) => n.id)).toEqual([
      'input/not-kubernetes',
      'input/parse-error',
    ]);
    expect(invocation?.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: 'YAML syntax error: bad indentation of a mapping entry' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'broken.yaml', uriBaseId: '%SRCROOT%' },
              region: { startLine: 3, startColumn: 7 },
            },
          },
        ],
        descriptor: { id: 'input/parse-error', index: 1 },
      },
      {
        level: 'warning',
        message: { text: 'document is YAML but not a Kubernetes object (no kind); not scanned' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'charts/app/values.yaml', uriBaseId: '%SRCROOT%' },
              region: { startLine: 1, startColumn: 1 },
            },
          },
        ],
        descriptor: { id: 'input/not-kubernetes', index: 0 },
      },
    ]);
  });

  it('counts a run with only warning problems as successful', () => {
    const result = sampleResult();
    result.problems = result.problems.filter((p) => p.level === 'warning');
    expect(parse(formatSarif(result)).runs[0]?.invocations?.[0]?.executionSuccessful).toBe(true);
  });

  it('writes an empty run for an empty result', () => {
    const run = parse(formatSarif(emptyResult())).runs[0];
    expect(run?.results).toEqual([]);
    expect(run?.tool.driver.rules).toEqual([]);
    expect(run?.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('adds a descriptor for a finding whose rule is not listed', () => {
    const result = sampleResult();
    result.rules = result.rules.filter((r) => r.id !== 'workload/privileged');
    const log = parse(formatSarif(result));
    expect(validate(log)).toBe(true);
    const run = log.runs[0];
    const index = run?.tool.driver.rules?.findIndex((r) => r.id === 'workload/privileged') ?? -1;
    expect(index).toBeGreaterThanOrEqual(0);
    expect(run?.results?.filter((r) => r.ruleId === 'workload/privileged').map((r) => r.ruleIndex)).toEqual([
      index,
      index,
    ]);
  });

  it('omits the region of a location without a line', () => {
    const result = emptyResult();
    result.problems = [
      {
        code: 'input/not-found',
        level: 'error',
        message: 'no such file',
        location: { file: 'a.yaml', line: 0, column: 0 },
      },
    ];
    const log = parse(formatSarif(result));
    expect(validate(log)).toBe(true);
    expect(
      log.runs[0]?.invocations?.[0]?.toolExecutionNotifications?.[0]?.locations?.[0]?.physicalLocation,
    ).toEqual({
      artifactLocation: { uri: 'a.yaml', uriBaseId: '%SRCROOT%' },
    });
  });
});

describe('artifactLocation', () => {
  it('makes relative paths %SRCROOT%-relative URIs with forward slashes and percent-encoding', () => {
    expect(artifactLocation(WEB_FILE)).toEqual({
      uri: 'manifests/web%20app/d%C3%A9ploiement.yaml',
      uriBaseId: '%SRCROOT%',
    });
    expect(artifactLocation('./k8s\\base\\deploy.yaml', true)).toEqual({
      uri: 'k8s/base/deploy.yaml',
      uriBaseId: '%SRCROOT%',
    });
    expect(artifactLocation('../other/a#b?.yaml')).toEqual({
      uri: '../other/a%23b%3F.yaml',
      uriBaseId: '%SRCROOT%',
    });
    expect(artifactLocation('c:colon.yaml').uri).toBe('c%3Acolon.yaml');
  });

  it('makes absolute paths file URIs', () => {
    expect(artifactLocation('/srv/k8s/web app.yaml')).toEqual({ uri: 'file:///srv/k8s/web%20app.yaml' });
    expect(artifactLocation('C:\\k8s\\web.yaml', true)).toEqual({ uri: 'file:///C:/k8s/web.yaml' });
    expect(artifactLocation('C:/k8s/web.yaml', false)).toEqual({ uri: 'file:///C:/k8s/web.yaml' });
  });

  it('percent-encodes a backslash in a POSIX file name instead of reading it as a separator', () => {
    expect(artifactLocation('k8s\\base\\deploy.yaml', false)).toEqual({
      uri: 'k8s%5Cbase%5Cdeploy.yaml',
      uriBaseId: '%SRCROOT%',
    });
    expect(artifactLocation('/srv/a\\b.yaml', false)).toEqual({ uri: 'file:///srv/a%5Cb.yaml' });
    // Two different files keep two different URIs (and so two different fingerprints).
    expect(artifactLocation('a\\b.yaml', false).uri).not.toBe(artifactLocation('a/b.yaml', false).uri);
  });

  it('keeps URIs with a scheme and standard input', () => {
    expect(artifactLocation('cluster://prod/apps/v1/Deployment/web')).toEqual({
      uri: 'cluster://prod/apps/v1/Deployment/web',
    });
    expect(artifactLocation('-')).toEqual({ uri: '-', description: { text: 'standard input' } });
  });

  it('never throws on unpaired surrogates', () => {
    expect(artifactLocation('bad\uD800name.yaml').uri).toBe('bad%EF%BF%BDname.yaml');
  });

  it('produces URIs that the schema accepts', () => {
    const result = sampleResult();
    const files = ['/abs/p a.yaml', 'C:\\w\\x.yaml', '-', 'cluster://ctx/v1/Pod/p', 'ünï cödé/%20.yaml'];
    result.findings = files.map((file, i) => ({
      ...(result.findings[0] as (typeof result.findings)[number]),
      location: { file, line: 1, column: 1 },
      fingerprint: String(i),
    }));
    expect(validate(parse(formatSarif(result))), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('severity mapping', () => {
  it('maps severities to SARIF levels and GitHub security-severity scores', () => {
    expect(['critical', 'high', 'medium', 'low', 'info'].map((s) => sarifLevel(s as never))).toEqual([
      'error',
      'error',
      'warning',
      'note',
      'note',
    ]);
    expect(['critical', 'high', 'medium', 'low', 'info'].map((s) => securitySeverity(s as never))).toEqual([
      '9.5',
      '8.0',
      '5.5',
      '2.0',
      undefined,
    ]);
  });

  it('derives readable rule names from ids', () => {
    expect(ruleName('workload/run-as-root')).toBe('WorkloadRunAsRoot');
    expect(ruleName('cis-node/4.1.1')).toBe('CisNode411');
  });
});
