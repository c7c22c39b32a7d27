import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import cpuLimits from './cpu-limits.js';
import cpuRequests from './cpu-requests.js';
import memoryLimits from './memory-limits.js';
import memoryRequests from './memory-requests.js';

const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  initContainers:
    - name: setup
      image: busybox:1.36
    - name: proxy
      image: envoyproxy/envoy:v1.31.0
      restartPolicy: Always
      resources:
        requests: { cpu: 50m }
  containers:
    - name: app
      image: nginx:1.27
      resources:
        limits: { cpu: "1", memory: 256Mi }
  ephemeralContainers:
    - name: debug
      image: busybox:1.36`;

const containers = (rule: Parameters<typeof runRule>[0], options?: Record<string, boolean>) =>
  runRule(rule, yaml, options).findings.map((f) => f.container);

describe('resource rules', () => {
  it('let a limit stand in for a missing request, and never check ephemeral containers', () => {
    expect(containers(cpuRequests)).toEqual(['setup']);
    expect(containers(memoryRequests)).toEqual(['setup', 'proxy']);
    expect(containers(cpuLimits)).toEqual(['setup', 'proxy']);
    expect(containers(memoryLimits)).toEqual(['setup', 'proxy']);
  });

  it('do not let a request stand in for a limit', () => {
    const findings = runRule(cpuLimits, yaml).findings;
    expect(findings.find((f) => f.container === 'proxy')?.path).toBe(
      '/spec/initContainers/1/resources/limits/cpu',
    );
  });

  it('skip init containers when initContainers is false', () => {
    expect(containers(memoryRequests, { initContainers: false })).toEqual([]);
    expect(containers(cpuLimits, { initContainers: false })).toEqual([]);
  });

  it('accept pod-level resources for every container', () => {
    const podLevel = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  resources:
    limits: { cpu: "2", memory: 1Gi }
  containers:
    - name: a
      image: nginx:1.27
    - name: b
      image: nginx:1.27`;
    for (const rule of [cpuRequests, memoryRequests, cpuLimits, memoryLimits]) {
      expect(runRule(rule, podLevel).findings).toEqual([]);
    }
  });
});
