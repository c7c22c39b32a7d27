import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './seccomp-unconfined.js';

describe('workload/seccomp-unconfined', () => {
  it('reports a pod-level Unconfined once even when every container overrides it', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext:
    seccompProfile: { type: Unconfined }
  containers:
    - name: a
      image: nginx:1.27
      securityContext:
        seccompProfile: { type: RuntimeDefault }
    - name: b
      image: nginx:1.27
      securityContext:
        seccompProfile: { type: RuntimeDefault }`;
    const { findings } = runRule(rule, yaml);
    expect(findings.map((f) => [f.container, f.path])).toEqual([
      [undefined, '/spec/securityContext/seccompProfile/type'],
    ]);
  });

  it('does not report containers that merely inherit the pod profile, but reports ephemeral ones that set it', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext:
    seccompProfile: { type: Unconfined }
  containers:
    - name: a
      image: nginx:1.27
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
      securityContext:
        seccompProfile: { type: Unconfined }`;
    const { findings } = runRule(rule, yaml);
    expect(findings.map((f) => f.container)).toEqual([undefined, 'debug']);
  });

  it('ignores the legacy annotation, which has no effect', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
spec:
  containers:
    - name: a
      image: nginx:1.27`;
    expect(runRule(rule, yaml).findings).toEqual([]);
  });
});
