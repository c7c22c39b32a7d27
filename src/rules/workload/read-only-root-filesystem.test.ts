import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './read-only-root-filesystem.js';

describe('workload/read-only-root-filesystem', () => {
  it('checks init and regular containers but not ephemeral ones, and ignores a pod-level field', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext: { readOnlyRootFilesystem: true }
  initContainers:
    - name: setup
      image: busybox:1.36
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { readOnlyRootFilesystem: true }
  ephemeralContainers:
    - name: debug
      image: busybox:1.36`;
    const { findings } = runRule(rule, yaml);
    expect(findings.map((f) => [f.container, f.path])).toEqual([
      ['setup', '/spec/initContainers/0/securityContext/readOnlyRootFilesystem'],
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
    expect(runRule(rule, yaml).findings).toEqual([]);
  });
});
