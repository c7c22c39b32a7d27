import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import profile from './apparmor-profile.js';
import unconfined from './apparmor-unconfined.js';

describe('workload/apparmor-profile', () => {
  it('accepts a pod-level field, a container field or the per-container annotation, per container', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/annotated: localhost/custom
spec:
  initContainers:
    - name: setup
      image: busybox:1.36
  containers:
    - name: annotated
      image: nginx:1.27
    - name: field
      image: nginx:1.27
      securityContext:
        appArmorProfile: { type: RuntimeDefault }
  ephemeralContainers:
    - name: debug
      image: busybox:1.36`;
    const { findings } = runRule(profile, yaml);
    expect(findings.map((f) => [f.container, f.path])).toEqual([
      ['setup', '/spec/initContainers/0/securityContext/appArmorProfile'],
    ]);
  });

  it('counts an Unconfined profile as declared (the other rule reports it)', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext:
    appArmorProfile: { type: Unconfined }
  containers:
    - name: app
      image: nginx:1.27`;
    expect(runRule(profile, yaml).findings).toEqual([]);
  });
});

describe('workload/apparmor-unconfined', () => {
  it('reports an unconfined annotation for an init container and for a container not in the spec', () => {
    const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: { name: d }
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/setup: unconfined
        container.apparmor.security.beta.kubernetes.io/gone: unconfined
        container.apparmor.security.beta.kubernetes.io/app: runtime/default
    spec:
      initContainers:
        - name: setup
          image: busybox:1.36
      containers:
        - name: app
          image: nginx:1.27`;
    const { findings } = runRule(unconfined, yaml);
    expect(findings.map((f) => [f.container, f.path, f.message])).toEqual([
      [
        'setup',
        '/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1setup',
        'annotation "container.apparmor.security.beta.kubernetes.io/setup" makes container "setup" AppArmor unconfined',
      ],
      [
        undefined,
        '/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1gone',
        'annotation "container.apparmor.security.beta.kubernetes.io/gone" makes container "gone" AppArmor unconfined',
      ],
    ]);
  });

  it('does not report a container that only inherits a pod-level Unconfined', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext:
    appArmorProfile: { type: Unconfined }
  containers:
    - name: a
      image: nginx:1.27
    - name: b
      image: nginx:1.27
      securityContext:
        appArmorProfile: { type: Localhost, localhostProfile: k8s-b }`;
    const { findings } = runRule(unconfined, yaml);
    expect(findings.map((f) => f.message)).toEqual([
      'pod securityContext sets appArmorProfile type Unconfined',
    ]);
  });
});
