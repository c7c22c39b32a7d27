import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';
import { containerImages } from '../../model/image.js';

export default defineRule({
  id: 'workload/image-tag',
  meta: {
    title: 'Image uses the latest tag or no tag',
    description:
      'An image without a tag means `:latest`, and `:latest` is whatever was pushed last: different nodes can run different code, a rollback cannot return to a known version, and a compromised registry account changes what runs without any change to the manifest. Init and ephemeral containers count too.',
    remediation:
      'Reference a specific, immutable version tag (for example `nginx:1.27.3`), or better pin the image by digest (`nginx@sha256:…`).',
    severity: 'medium',
    kinds: ['workload'],
    refs: {},
    presets: ['recommended'],
    options: {},
    messages: {
      untagged: 'container "{{container}}" image "{{image}}" has no tag, so it runs whatever :latest is',
      latest: 'container "{{container}}" image "{{image}}" uses the latest tag',
    },
    notes:
      'The reference is parsed as the container runtime does: a colon after the last `/` starts the tag, so `registry:5000/app` has no tag. A reference pinned by digest passes even with `:latest`, because the digest then decides what is pulled. Only the exact tag `latest` is treated as mutable (tags are case-sensitive); other moving tags such as `stable` cannot be told apart from versions. References that still contain a template placeholder (`{{ }}`, `${…}`, `$(…)`) are skipped.',
  },
  check({ workload, report }) {
    for (const { container, image, ref } of containerImages(workload)) {
      if (ref.digest !== undefined) continue;
      if (ref.tag !== undefined && ref.tag !== 'latest') continue;
      report({
        messageId: ref.tag === undefined ? 'untagged' : 'latest',
        path: joinPointer(container.pointer, 'image'),
        container,
        data: { container: container.name, image },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-latest }
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:latest`,
      `apiVersion: v1
kind: Pod
metadata: { name: fire-untagged-registry-port }
spec:
  containers:
    - name: app
      image: registry.local:5000/team/app`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-versioned }
spec:
  containers:
    - name: app
      image: registry.local:5000/team/app:1.4.2`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-digest }
spec:
  containers:
    - name: app
      image: nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31`,
    ],
  },
});
