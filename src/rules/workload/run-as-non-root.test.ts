import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './run-as-non-root.js';

const pod = (podContext: string, containers: string) => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext: ${podContext}
${containers}`;
const summary = (yaml: string) => runRule(rule, yaml).findings.map((f) => [f.container, f.path, f.message]);

describe('workload/run-as-non-root', () => {
  it('inherits runAsNonRoot and runAsUser from the pod, init and ephemeral containers included', () => {
    expect(
      summary(
        pod(
          '{ runAsNonRoot: true }',
          `  initContainers: [{ name: init, image: busybox:1.36 }]
  containers: [{ name: app, image: nginx:1.27 }]
  ephemeralContainers: [{ name: debug, image: busybox:1.36 }]`,
        ),
      ),
    ).toEqual([]);
    expect(summary(pod('{ runAsUser: 1000 }', '  containers: [{ name: app, image: nginx:1.27 }]'))).toEqual(
      [],
    );
  });

  it('lets a container override the pod value in both directions', () => {
    expect(
      summary(
        pod(
          '{ runAsNonRoot: true, runAsUser: 1000 }',
          `  containers:
    - { name: a, image: nginx:1.27, securityContext: { runAsNonRoot: false } }
    - { name: b, image: nginx:1.27, securityContext: { runAsUser: 0 } }`,
        ),
      ),
    ).toEqual([
      // a: runAsNonRoot false, but the inherited non-zero runAsUser is enough.
      [
        'b',
        '/spec/containers/1/securityContext/runAsUser',
        'container "b" sets runAsUser: 0 together with runAsNonRoot: true; the kubelet refuses to start it',
      ],
    ]);
    expect(
      summary(
        pod(
          '{ runAsNonRoot: false }',
          '  containers: [{ name: a, image: nginx:1.27, securityContext: { runAsNonRoot: true } }]',
        ),
      ),
    ).toEqual([]);
  });

  it('treats runAsUser 0 as root, not as unset', () => {
    expect(summary(pod('{ runAsUser: 0 }', '  containers: [{ name: a, image: nginx:1.27 }]'))).toEqual([
      ['a', '/spec/securityContext/runAsUser', 'container "a" runs as root (runAsUser: 0)'],
    ]);
  });

  it('points an inherited runAsNonRoot: false at the pod field and unset at the container', () => {
    expect(
      summary(pod('{ runAsNonRoot: false }', '  initContainers: [{ name: init, image: busybox:1.36 }]')).map(
        (s) => s[1],
      ),
    ).toEqual(['/spec/securityContext/runAsNonRoot']);
    expect(summary(pod('{}', '  containers: [{ name: a, image: nginx:1.27 }]')).map((s) => s[1])).toEqual([
      '/spec/containers/0/securityContext/runAsNonRoot',
    ]);
  });
});
