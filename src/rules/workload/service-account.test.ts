import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import automount from './automount-service-account-token.js';
import defaultSa from './default-service-account.js';
import deprecated from './deprecated-service-account-field.js';

const pod = (fields: string) => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
${fields}  containers:
    - name: app
      image: nginx:1.27`;

describe('workload/default-service-account', () => {
  it('uses the deprecated serviceAccount field when serviceAccountName is empty', () => {
    expect(runRule(defaultSa, pod('  serviceAccount: web\n')).findings).toEqual([]);
    expect(runRule(defaultSa, pod('  serviceAccountName: ""\n  serviceAccount: web\n')).findings).toEqual([]);
    const { findings } = runRule(defaultSa, pod('  serviceAccount: default\n'));
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      ['/spec/serviceAccount', 'pod sets serviceAccountName to "default"'],
    ]);
  });

  it('treats an empty name as unset', () => {
    const { findings } = runRule(defaultSa, pod('  serviceAccountName: ""\n'));
    expect(findings.map((f) => f.message)).toEqual([
      'pod does not set serviceAccountName, so it runs as the "default" service account',
    ]);
  });
});

describe('workload/deprecated-service-account-field', () => {
  it('ignores an empty alias', () => {
    expect(runRule(deprecated, pod('  serviceAccount: ""\n')).findings).toEqual([]);
  });
});

describe('workload/automount-service-account-token', () => {
  it('reports on CronJobs at the nested pod spec', () => {
    const yaml = `apiVersion: batch/v1
kind: CronJob
metadata: { name: c }
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: job
              image: busybox:1.36`;
    expect(runRule(automount, yaml).findings.map((f) => f.path)).toEqual([
      '/spec/jobTemplate/spec/template/spec/automountServiceAccountToken',
    ]);
  });
});
