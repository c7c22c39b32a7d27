import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './privilege-escalation.js';

const summary = (yaml: string) => runRule(rule, yaml).findings.map((f) => [f.container, f.path, f.message]);

describe('workload/privilege-escalation', () => {
  it('tells explicit true from unset, and points unset at where the field belongs', () => {
    expect(
      summary(`apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
    - name: a
      image: nginx:1.27
      securityContext: { allowPrivilegeEscalation: true }
    - name: b
      image: nginx:1.27
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
      securityContext: { allowPrivilegeEscalation: false }`),
    ).toEqual([
      [
        'a',
        '/spec/containers/0/securityContext/allowPrivilegeEscalation',
        'container "a" sets allowPrivilegeEscalation: true',
      ],
      [
        'b',
        '/spec/containers/1/securityContext/allowPrivilegeEscalation',
        'container "b" does not set allowPrivilegeEscalation: false, so privilege escalation is allowed',
      ],
    ]);
  });

  it('ignores a pod-level allowPrivilegeEscalation, which Kubernetes does not have', () => {
    const paths = summary(`apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext: { allowPrivilegeEscalation: false }
  containers:
    - name: a
      image: nginx:1.27`).map((s) => s[1]);
    expect(paths).toEqual(['/spec/containers/0/securityContext/allowPrivilegeEscalation']);
  });

  it('reports ephemeral containers and skips Windows pods', () => {
    expect(
      summary(`apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
    - { name: a, image: nginx:1.27, securityContext: { allowPrivilegeEscalation: false } }
  ephemeralContainers:
    - { name: debug, image: busybox:1.36 }`).map((s) => s[0]),
    ).toEqual(['debug']);
    expect(
      summary(`apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  os: { name: windows }
  containers:
    - { name: a, image: nanoserver:ltsc2022 }`),
    ).toEqual([]);
  });
});
