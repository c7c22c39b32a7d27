import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './drop-all-capabilities.js';

const pod = (capabilities: string, list = 'containers') => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext: { runAsNonRoot: true }
  ${list}:
    - { name: c, image: nginx:1.27, securityContext: { capabilities: ${capabilities} } }`;
const messages = (yaml: string) => runRule(rule, yaml).findings.map((f) => [f.path, f.message]);

describe('workload/drop-all-capabilities', () => {
  it('accepts ALL only as written by admission, and reports other spellings separately', () => {
    expect(messages(pod('{ drop: [ALL] }'))).toEqual([]);
    expect(messages(pod('{ drop: [all, ALL] }'))).toEqual([]);
    expect(messages(pod('{ drop: [NET_RAW, All] }'))).toEqual([
      [
        '/spec/containers/0/securityContext/capabilities/drop/1',
        'container "c" drops "All": runtimes read it as ALL, but Pod Security Admission (restricted) accepts only "ALL"',
      ],
    ]);
  });

  it('does not read CAP_ALL as ALL', () => {
    expect(messages(pod('{ drop: [CAP_ALL] }'))).toEqual([
      ['/spec/containers/0/securityContext/capabilities/drop', 'container "c" drops CAP_ALL but not ALL'],
    ]);
  });

  it('reports a missing or empty drop list, in every container list', () => {
    expect(messages(pod('{ drop: [] }', 'ephemeralContainers'))).toEqual([
      [
        '/spec/ephemeralContainers/0/securityContext/capabilities/drop',
        'container "c" does not drop any capabilities',
      ],
    ]);
    expect(messages(pod('{ add: [NET_BIND_SERVICE] }', 'initContainers'))).toHaveLength(1);
  });
});
