import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './proc-mount.js';

const pod = (hostUsers: string) => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
${hostUsers}  containers:
    - name: app
      image: nginx:1.27
      securityContext: { procMount: Unmasked }
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
      securityContext: { procMount: Unmasked }`;

describe('workload/proc-mount', () => {
  it('reports regular and ephemeral containers by default, even in a user namespace', () => {
    const { findings } = runRule(rule, pod('  hostUsers: false\n'));
    expect(findings.map((f) => [f.container, f.message])).toEqual([
      ['app', 'container "app" sets procMount Unmasked'],
      ['debug', 'container "debug" sets procMount Unmasked'],
    ]);
  });

  it('accepts user-namespace pods with allowInUserNamespace, as PSS baseline 1.35 does', () => {
    expect(runRule(rule, pod('  hostUsers: false\n'), { allowInUserNamespace: true }).findings).toEqual([]);
    expect(runRule(rule, pod(''), { allowInUserNamespace: true }).findings).toHaveLength(2);
    expect(runRule(rule, pod('  hostUsers: true\n'), { allowInUserNamespace: true }).findings).toHaveLength(
      2,
    );
  });
});
