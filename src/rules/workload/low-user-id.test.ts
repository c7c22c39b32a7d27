import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import lowGroupId from './low-group-id.js';
import lowUserId from './low-user-id.js';

const pod = (podContext: string, containerContext = '{}') => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext: ${podContext}
  containers:
    - { name: app, image: nginx:1.27, securityContext: ${containerContext} }`;

describe('workload/low-user-id', () => {
  it('reports the threshold itself and UID 0, not the value above it', () => {
    expect(runRule(lowUserId, pod('{ runAsUser: 10000 }')).findings.map((f) => f.message)).toEqual([
      'container "app" runs as UID 10000, at or below 10000',
    ]);
    expect(runRule(lowUserId, pod('{ runAsUser: 0 }')).findings).toHaveLength(1);
    expect(runRule(lowUserId, pod('{ runAsUser: 10001 }')).findings).toEqual([]);
  });

  it('uses the container value over the pod value', () => {
    expect(
      runRule(lowUserId, pod('{ runAsUser: 20000 }', '{ runAsUser: 5 }')).findings.map((f) => f.path),
    ).toEqual(['/spec/containers/0/securityContext/runAsUser']);
    expect(runRule(lowUserId, pod('{ runAsUser: 5 }', '{ runAsUser: 20000 }')).findings).toEqual([]);
  });

  it('honours the threshold and reportUnset options', () => {
    expect(runRule(lowUserId, pod('{ runAsUser: 5000 }'), { threshold: 1000 }).findings).toEqual([]);
    expect(runRule(lowUserId, pod('{}')).findings).toEqual([]);
    expect(
      runRule(lowUserId, pod('{}'), { reportUnset: true }).findings.map((f) => [f.path, f.message]),
    ).toEqual([
      [
        '/spec/containers/0/securityContext/runAsUser',
        'container "app" does not set runAsUser, so the image decides its UID',
      ],
    ]);
  });

  it('skips Windows pods', () => {
    const yaml = pod('{ runAsUser: 5 }').replace('spec:\n', 'spec:\n  os: { name: windows }\n');
    expect(runRule(lowUserId, yaml).findings).toEqual([]);
  });
});

describe('workload/low-group-id', () => {
  it('works like low-user-id on runAsGroup', () => {
    expect(runRule(lowGroupId, pod('{ runAsGroup: 0 }')).findings.map((f) => f.message)).toEqual([
      'container "app" runs with GID 0, at or below 10000',
    ]);
    expect(runRule(lowGroupId, pod('{ runAsGroup: 10001 }')).findings).toEqual([]);
    expect(runRule(lowGroupId, pod('{ runAsGroup: 3000 }'), { threshold: 2999 }).findings).toEqual([]);
    expect(runRule(lowGroupId, pod('{}'), { reportUnset: true }).findings).toHaveLength(1);
  });
});
