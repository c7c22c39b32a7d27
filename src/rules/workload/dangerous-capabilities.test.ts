import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './dangerous-capabilities.js';

const pod = (capabilities: string) => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  initContainers:
    - { name: c, image: busybox:1.36, securityContext: { capabilities: ${capabilities} } }`;
const messages = (yaml: string, options?: Record<string, string[]>) =>
  runRule(rule, yaml, options).findings.map((f) => f.message);

describe('workload/dangerous-capabilities', () => {
  it('reports each listed capability once, by its canonical name', () => {
    expect(messages(pod('{ add: [net_admin, CAP_SYS_PTRACE, CHOWN] }'))).toEqual([
      'container "c" adds NET_ADMIN',
      'container "c" adds SYS_PTRACE',
    ]);
  });

  it('leaves SYS_ADMIN, ALL and NET_RAW to their own rules', () => {
    expect(messages(pod('{ add: [SYS_ADMIN, ALL, NET_RAW] }'))).toEqual([]);
  });

  it('skips a capability the container also drops by name', () => {
    expect(messages(pod('{ add: [NET_ADMIN], drop: [net_admin] }'))).toEqual([]);
  });

  it('uses the configured list instead of the default', () => {
    expect(messages(pod('{ add: [NET_ADMIN, SYS_NICE] }'), { capabilities: ['cap_sys_nice'] })).toEqual([
      'container "c" adds SYS_NICE',
    ]);
  });
});
