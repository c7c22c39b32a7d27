import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './seccomp-profile.js';

const summary = (yaml: string) => runRule(rule, yaml).findings.map((f) => [f.container, f.path, f.message]);

describe('workload/seccomp-profile', () => {
  it('lets a container profile cover only that container, and checks init and ephemeral containers', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  initContainers:
    - name: setup
      image: busybox:1.36
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        seccompProfile: { type: RuntimeDefault }
  ephemeralContainers:
    - name: debug
      image: busybox:1.36`;
    expect(summary(yaml).map(([c, p]) => [c, p])).toEqual([
      ['setup', '/spec/initContainers/0/securityContext/seccompProfile'],
      ['debug', '/spec/ephemeralContainers/0/securityContext/seccompProfile'],
    ]);
  });

  it('inherits the pod profile, and a container profile without a type does not count', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext:
    seccompProfile: { type: RuntimeDefault }
  containers:
    - name: inherits
      image: nginx:1.27
    - name: broken
      image: nginx:1.27
      securityContext:
        seccompProfile: {}`;
    expect(summary(yaml).map(([c]) => c)).toEqual(['broken']);
  });

  it('an Unconfined profile is left to workload/seccomp-unconfined', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext:
    seccompProfile: { type: Unconfined }
  containers:
    - name: app
      image: nginx:1.27`;
    expect(summary(yaml)).toEqual([]);
  });

  it('reports a per-container legacy annotation at the annotation', () => {
    const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: { name: d }
spec:
  template:
    metadata:
      annotations:
        container.seccomp.security.alpha.kubernetes.io/app: runtime/default
    spec:
      containers:
        - name: app
          image: nginx:1.27
        - name: other
          image: nginx:1.27`;
    expect(summary(yaml)).toEqual([
      [
        'app',
        '/spec/template/metadata/annotations/container.seccomp.security.alpha.kubernetes.io~1app',
        'container "app" sets seccomp only through the "container.seccomp.security.alpha.kubernetes.io/app" annotation, which has no effect since Kubernetes 1.27',
      ],
      [
        'other',
        '/spec/template/spec/containers/1/securityContext/seccompProfile',
        'container "other" has no seccomp profile; it runs Unconfined unless the kubelet enables --seccomp-default',
      ],
    ]);
  });

  it('skips Windows pods', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  os: { name: windows }
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022`;
    expect(summary(yaml)).toEqual([]);
  });
});
