import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import allowPrivilegeEscalation from './allow-privilege-escalation.js';
import hostNamespaces from './host-namespaces.js';

describe('pss/ rules', () => {
  it('name the container when the violation is about one container only', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { allowPrivilegeEscalation: true }
    - name: sidecar
      image: envoy:1.30
      securityContext: { allowPrivilegeEscalation: false }
`;
    const [finding] = runRule(allowPrivilegeEscalation, pod).findings;
    expect(finding?.container).toBe('app');
    expect(finding?.path).toBe('/spec/containers/0/securityContext/allowPrivilegeEscalation');
  });

  it('name no container when several containers or the pod are at fault', () => {
    const two = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
    - { name: a, image: x:1 }
    - { name: b, image: y:1 }
`;
    expect(runRule(allowPrivilegeEscalation, two).findings.map((f) => f.container)).toEqual([undefined]);
    const host =
      'apiVersion: v1\nkind: Pod\nmetadata: { name: h }\nspec:\n  hostPID: true\n  containers: [{ name: a, image: x:1 }]\n';
    expect(runRule(hostNamespaces, host).findings.map((f) => [f.container, f.path])).toEqual([
      [undefined, '/spec/hostPID'],
    ]);
  });
});
