import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import digest from './image-digest.js';
import pullPolicy from './image-pull-policy.js';
import tag from './image-tag.js';

const pod = (containers: string) => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
${containers}`;

describe('workload/image-tag', () => {
  it('tells registry ports from tags and skips templated references', () => {
    const yaml = pod(`    - { name: a, image: "localhost:5000/app" }
    - { name: b, image: "localhost:5000/app:2.1" }
    - { name: c, image: "app:LATEST" }
    - { name: d, image: "{{ .Values.image }}" }
    - { name: e }`);
    expect(runRule(tag, yaml).findings.map((f) => f.message)).toEqual([
      'container "a" image "localhost:5000/app" has no tag, so it runs whatever :latest is',
    ]);
  });

  it('checks init and ephemeral containers too', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  initContainers:
    - { name: setup, image: busybox }
  containers:
    - { name: app, image: "nginx:1.27" }
  ephemeralContainers:
    - { name: debug, image: "busybox:latest" }`;
    expect(runRule(tag, yaml).findings.map((f) => [f.container, f.path])).toEqual([
      ['setup', '/spec/initContainers/0/image'],
      ['debug', '/spec/ephemeralContainers/0/image'],
    ]);
  });
});

describe('workload/image-digest', () => {
  it('accepts any digest-pinned reference', () => {
    const yaml =
      pod(`    - { name: a, image: "app@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31" }
    - { name: b, image: "host:5000/app:1.0" }`);
    expect(runRule(digest, yaml).findings.map((f) => f.container)).toEqual(['b']);
  });
});

describe('workload/image-pull-policy', () => {
  it('judges the effective policy: omitted means Always for mutable references', () => {
    const yaml = pod(`    - { name: omitted, image: "app" }
    - { name: never, image: "app:latest", imagePullPolicy: Never }
    - { name: always, image: "app:latest", imagePullPolicy: Always }
    - { name: pinned, image: "app:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", imagePullPolicy: IfNotPresent }`);
    expect(runRule(pullPolicy, yaml).findings.map((f) => [f.path, f.message])).toEqual([
      [
        '/spec/containers/1/imagePullPolicy',
        'container "never" uses the mutable image "app:latest" with imagePullPolicy Never',
      ],
    ]);
  });
});
