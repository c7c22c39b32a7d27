import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import liveness from './liveness-probe.js';
import readiness from './readiness-probe.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: d }
spec:
  template:
    spec:
      initContainers:
        - name: setup
          image: busybox:1.36
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
          restartPolicy: Always
      containers:
        - name: app
          image: nginx:1.27
          readinessProbe:
            httpGet: { path: /ready, port: 8080 }
      ephemeralContainers:
        - name: debug
          image: busybox:1.36`;

describe('probe rules', () => {
  it('check regular containers only by default', () => {
    expect(runRule(liveness, deployment).findings.map((f) => f.container)).toEqual(['app']);
    expect(runRule(readiness, deployment).findings).toEqual([]);
  });

  it('check sidecars (restartPolicy Always init containers) with includeSidecars', () => {
    const options = { includeSidecars: true };
    expect(runRule(liveness, deployment, options).findings.map((f) => f.container)).toEqual(['proxy', 'app']);
    expect(runRule(readiness, deployment, options).findings.map((f) => f.container)).toEqual(['proxy']);
  });

  it('skip CronJobs', () => {
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
    expect(runRule(liveness, yaml).findings).toEqual([]);
    expect(runRule(readiness, yaml).findings).toEqual([]);
  });
});
