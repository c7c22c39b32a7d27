import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './capability-sys-admin.js';

const pod = (capabilities: string) => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  ephemeralContainers:
    - { name: c, image: busybox:1.36, securityContext: { capabilities: ${capabilities} } }`;
const messages = (yaml: string) => runRule(rule, yaml).findings.map((f) => [f.path, f.message]);

describe('workload/capability-sys-admin', () => {
  it('reads names as the runtimes do: any case, optional CAP_ prefix', () => {
    expect(messages(pod('{ add: [cap_sys_admin] }'))).toEqual([
      ['/spec/ephemeralContainers/0/securityContext/capabilities/add/0', 'container "c" adds SYS_ADMIN'],
    ]);
    expect(messages(pod('{ add: [all] }'))).toEqual([
      [
        '/spec/ephemeralContainers/0/securityContext/capabilities/add/0',
        'container "c" adds ALL capabilities, including SYS_ADMIN',
      ],
    ]);
  });

  it('applies drops after adds, as containerd and CRI-O do', () => {
    expect(messages(pod('{ add: [SYS_ADMIN], drop: [SYS_ADMIN] }'))).toEqual([]);
    expect(messages(pod('{ add: [ALL], drop: [ALL] }'))).toEqual([]);
    expect(messages(pod('{ add: [ALL], drop: [SYS_ADMIN] }'))).toEqual([]);
    expect(messages(pod('{ add: [SYS_ADMIN], drop: [ALL] }'))).toHaveLength(1);
  });
});
