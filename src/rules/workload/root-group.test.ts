import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './root-group.js';

describe('workload/root-group', () => {
  it('reports runAsGroup per container and fsGroup / supplementalGroups once, at the exact field', () => {
    const { findings } = runRule(
      rule,
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: d }
spec:
  template:
    spec:
      securityContext: { runAsGroup: 0, fsGroup: 0, supplementalGroups: [5, 0] }
      initContainers:
        - { name: init, image: busybox:1.36 }
      containers:
        - { name: app, image: nginx:1.27, securityContext: { runAsGroup: 10001 } }`,
    );
    expect(findings.map((f) => [f.container ?? null, f.path])).toEqual([
      [null, '/spec/template/spec/securityContext/fsGroup'],
      [null, '/spec/template/spec/securityContext/supplementalGroups/1'],
      ['init', '/spec/template/spec/securityContext/runAsGroup'],
    ]);
  });

  it('does not report unset groups', () => {
    const { findings } = runRule(
      rule,
      `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext: { runAsUser: 0 }
  containers: [{ name: app, image: nginx:1.27 }]`,
    );
    expect(findings).toEqual([]);
  });
});
