import { describe, expect, it } from 'vitest';
import privileged from '../rules/workload/privileged.js';
import { runRule } from './testing.js';

const pod = (annotations = '', extra = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
${annotations}spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { privileged: true }
    - name: sidecar
      image: envoy:1.30
      securityContext: { privileged: true }
${extra}`;

describe('checkResource', () => {
  it('reports one finding per container, each naming its container, with pointer, line and fingerprint', () => {
    const { findings } = runRule(privileged, pod());
    expect(findings.map((f) => [f.container, f.path, f.location.line, f.message])).toEqual([
      ['app', '/spec/containers/0/securityContext/privileged', 10, 'container "app" runs privileged'],
      ['sidecar', '/spec/containers/1/securityContext/privileged', 13, 'container "sidecar" runs privileged'],
    ]);
    expect(findings[0]?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(findings[0]?.fingerprint).not.toBe(findings[1]?.fingerprint);
    expect(findings[0]?.resource).toEqual({ apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web' });
  });

  it('keeps fingerprints stable when the message or the API version changes', () => {
    const a = runRule(privileged, pod()).findings[0]?.fingerprint;
    const b = runRule(privileged, pod().replace('apiVersion: v1', 'apiVersion: v1 # moved')).findings[0]
      ?.fingerprint;
    expect(a).toBe(b);
  });

  it('suppresses by annotation when a reason is given', () => {
    const annotations = `  annotations:\n    kubeward.io/ignore: "workload/privileged"\n    kubeward.io/ignore-reason: "CNI agent needs it"\n`;
    const { findings, problems } = runRule(privileged, pod(annotations));
    expect(problems).toEqual([]);
    expect(findings.map((f) => f.suppressed)).toEqual([
      { by: 'annotation', reason: 'CNI agent needs it' },
      { by: 'annotation', reason: 'CNI agent needs it' },
    ]);
  });

  it('does not honour an ignore annotation without a reason, and says so with the line', () => {
    const annotations = `  annotations:\n    kubeward.io/ignore: "workload/*"\n`;
    const { findings, problems } = runRule(privileged, pod(annotations));
    expect(findings.every((f) => f.suppressed === undefined)).toBe(true);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'config/invalid',
        level: 'warning',
        location: { file: 'example.yaml', line: 7, column: 5 },
      }),
    ]);
  });

  it('reads ignore annotations from the pod template of a workload', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: d }
spec:
  template:
    metadata:
      annotations:
        kubeward.io/ignore: workload/privileged
        kubeward.io/ignore-reason: debug image, never deployed
    spec:
      containers:
        - name: app
          image: x:1
          securityContext: { privileged: true }
`;
    expect(runRule(privileged, deployment).findings[0]?.suppressed).toEqual({
      by: 'annotation',
      reason: 'debug image, never deployed',
    });
  });

  it('ignores annotations when annotation exemptions are off', () => {
    const annotations = `  annotations:\n    kubeward.io/ignore: "*"\n    kubeward.io/ignore-reason: "trust me"\n`;
    const { findings } = runRule(privileged, pod(annotations), undefined, {
      exemptions: [],
      annotationExemptions: false,
    });
    expect(findings.map((f) => f.suppressed)).toEqual([undefined, undefined]);
  });

  it('applies config exemptions by rule, namespace, kind, name and container globs', () => {
    const exempt = (e: object) =>
      runRule(privileged, pod(), undefined, {
        exemptions: [{ reason: 'r', ...e }],
        annotationExemptions: true,
      }).findings.map((f) => f.suppressed?.by ?? '-');
    expect(exempt({ rules: ['workload/*'] })).toEqual(['config', 'config']);
    expect(exempt({ namespaces: ['kube-*'] })).toEqual(['-', '-']);
    expect(exempt({ namespaces: ['shop'], kinds: ['Pod'], names: ['w*'] })).toEqual(['config', 'config']);
    expect(exempt({ kinds: ['Deployment'] })).toEqual(['-', '-']);
    expect(exempt({ containers: ['side*'] })).toEqual(['-', 'config']);
  });

  it('turns a rule that throws into a problem and keeps going', () => {
    const broken = {
      ...privileged,
      id: 'workload/broken',
      check: () => {
        throw new Error('boom');
      },
    };
    const { findings, problems } = runRule(broken, pod());
    expect(findings).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'engine/rule-error',
        level: 'error',
        message: 'rule workload/broken failed on Pod/web: boom',
      }),
    ]);
  });

  it('does not run workload rules on kinds without a pod template, nor on look-alike kinds of other groups', () => {
    const widget = `apiVersion: example.com/v1
kind: Deployment
metadata: { name: not-apps }
spec:
  template:
    spec:
      containers: [{ name: a, image: x, securityContext: { privileged: true } }]
`;
    expect(runRule(privileged, widget).findings).toEqual([]);
  });
});

describe('custom resources', () => {
  it('reads CRD objects as resources, and runs workload rules on Argo Rollouts only', async () => {
    const { readFileSync } = await import('node:fs');
    const { findings } = runRule(privileged, readFileSync('test/fixtures/inputs/crd.yaml', 'utf8'));
    expect(
      findings.map((f) => `${f.resource.kind}/${f.resource.name} ${f.path} line ${f.location.line}`),
    ).toEqual(['Rollout/canary /spec/template/spec/containers/0/securityContext/privileged line 22']);
  });
});

describe('objects the API server would reject', () => {
  it('are reported with their line instead of passing silently', () => {
    const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: { name: no-template }
spec:
  replicas: 1
---
apiVersion: v1
kind: Pod
metadata: { name: bad-list }
spec:
  containers: "app"
---
apiVersion: v1
kind: Pod
metadata: {}
spec:
  containers: [{ name: a, image: x:1 }]
`;
    const rollout = `
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: by-reference }
spec:
  workloadRef: { apiVersion: apps/v1, kind: Deployment, name: web }
`;
    const { problems } = runRule(privileged, yaml + rollout);
    expect(problems.map((p) => [p.code, p.level, p.location.line, p.message])).toEqual([
      [
        'input/invalid-object',
        'error',
        1,
        'Deployment/no-template has no pod spec where its kind keeps one; no workload rule could check it',
      ],
      [
        'input/invalid-object',
        'error',
        11,
        'Pod/bad-list: containers is not a list; its containers were not checked',
      ],
      ['input/invalid-object', 'warning', 15, 'Pod has no metadata.name'],
    ]);
  });
});
