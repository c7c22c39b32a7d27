import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './capabilities-beyond-baseline.js';

const pod = (capabilities: string) => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  ephemeralContainers:
    - { name: c, image: busybox:1.36, securityContext: { capabilities: ${capabilities} } }`;
const messages = (yaml: string) => runRule(rule, yaml).findings.map((f) => f.message);

describe('workload/capabilities-beyond-baseline', () => {
  it('compares names exactly, as Pod Security Admission does', () => {
    expect(messages(pod('{ add: [KILL, CAP_KILL, ALL] }'))).toEqual([
      'container "c" adds "CAP_KILL": the runtime reads it as KILL, but Pod Security Admission compares names exactly and rejects it',
      'container "c" adds ALL, which the baseline level does not allow',
    ]);
  });

  it('ignores drops and allows every baseline capability', () => {
    expect(
      messages(
        pod(
          '{ drop: [SYS_ADMIN], add: [AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT] }',
        ),
      ),
    ).toEqual([]);
  });
});
