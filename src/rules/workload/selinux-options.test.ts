import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './selinux-options.js';

describe('workload/selinux-options', () => {
  it('allows every PSS container type and any level, and reports each bad field separately', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext:
    seLinuxOptions: { type: container_kvm_t, level: "s0:c1,c2" }
  initContainers:
    - name: engine
      image: podman:5
      securityContext:
        seLinuxOptions: { type: container_engine_t }
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        seLinuxOptions: { type: spc_t, user: system_u, role: system_r, level: s0 }`;
    const { findings } = runRule(rule, yaml);
    expect(findings.map((f) => [f.container, f.path, f.message])).toEqual([
      [
        'app',
        '/spec/containers/0/securityContext/seLinuxOptions/type',
        'container "app" sets the custom SELinux type "spc_t"',
      ],
      [
        'app',
        '/spec/containers/0/securityContext/seLinuxOptions/user',
        'container "app" sets SELinux user "system_u"',
      ],
      [
        'app',
        '/spec/containers/0/securityContext/seLinuxOptions/role',
        'container "app" sets SELinux role "system_r"',
      ],
    ]);
  });

  it('judges pod-level options once, not through each inheriting container', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext:
    seLinuxOptions: { type: unconfined_t }
  containers:
    - name: a
      image: nginx:1.27
    - name: b
      image: nginx:1.27`;
    const { findings } = runRule(rule, yaml);
    expect(findings.map((f) => [f.container, f.message])).toEqual([
      [undefined, 'pod securityContext sets the custom SELinux type "unconfined_t"'],
    ]);
  });
});
