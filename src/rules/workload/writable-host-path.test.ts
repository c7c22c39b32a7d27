import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './writable-host-path.js';

describe('workload/writable-host-path', () => {
  it('reports each writable mount, pointing at readOnly: false when written', () => {
    const { findings } = runRule(
      rule,
      `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  initContainers:
    - name: init
      image: busybox:1.36
      volumeMounts: [{ name: host, mountPath: /h, readOnly: false }]
  containers:
    - name: app
      image: nginx:1.27
      volumeMounts: [{ name: host, mountPath: /h, readOnly: true }, { name: host, mountPath: /again }]
  volumes:
    - { name: host, hostPath: { path: /srv/data } }
    - { name: unused, hostPath: { path: /srv/other } }`,
    );
    expect(findings.map((f) => [f.container, f.path, f.message])).toEqual([
      [
        'init',
        '/spec/initContainers/0/volumeMounts/0/readOnly',
        'container "init" mounts host path "/srv/data" (volume "host") writable at "/h"',
      ],
      [
        'app',
        '/spec/containers/0/volumeMounts/1',
        'container "app" mounts host path "/srv/data" (volume "host") writable at "/again"',
      ],
    ]);
  });
});
