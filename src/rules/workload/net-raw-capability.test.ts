import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './net-raw-capability.js';

const pod = (capabilities: string) => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
    - { name: c, image: busybox:1.36, securityContext: { capabilities: ${capabilities} } }`;
const messages = (yaml: string) => runRule(rule, yaml).findings.map((f) => [f.path, f.message]);

describe('workload/net-raw-capability', () => {
  it('accepts a drop of NET_RAW or ALL in any case', () => {
    expect(messages(pod('{ drop: [net_raw] }'))).toEqual([]);
    expect(messages(pod('{ drop: [all] }'))).toEqual([]);
  });

  it('reports add: [ALL] as not dropped, and a named add even after drop ALL', () => {
    expect(messages(pod('{ add: [ALL] }'))).toEqual([
      [
        '/spec/containers/0/securityContext/capabilities/drop',
        'container "c" does not drop NET_RAW (neither NET_RAW nor ALL is in capabilities.drop)',
      ],
    ]);
    expect(messages(pod('{ drop: [ALL], add: [cap_net_raw] }'))).toEqual([
      ['/spec/containers/0/securityContext/capabilities/add/0', 'container "c" adds NET_RAW'],
    ]);
  });

  it('lets a named drop win over a named add', () => {
    expect(messages(pod('{ add: [NET_RAW], drop: [NET_RAW] }'))).toEqual([]);
  });
});
