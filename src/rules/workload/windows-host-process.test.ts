import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './windows-host-process.js';

describe('workload/windows-host-process', () => {
  it('keeps the pod hostProcess when a container sets only other windowsOptions fields', () => {
    const { findings } = runRule(
      rule,
      `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  hostNetwork: true
  securityContext: { windowsOptions: { hostProcess: true } }
  containers:
    - name: a
      image: agent:1.0
      securityContext: { windowsOptions: { runAsUserName: "NT AUTHORITY\\\\Local service" } }
    - name: b
      image: agent:1.0
      securityContext: { windowsOptions: { hostProcess: true } }`,
    );
    expect(findings.map((f) => [f.container ?? null, f.path])).toEqual([
      [null, '/spec/securityContext/windowsOptions/hostProcess'],
      ['b', '/spec/containers/1/securityContext/windowsOptions/hostProcess'],
    ]);
  });
});
