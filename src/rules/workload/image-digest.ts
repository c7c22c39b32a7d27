import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';
import { containerImages } from '../../model/image.js';

export default defineRule({
  id: 'workload/image-digest',
  meta: {
    title: 'Image is not pinned by digest',
    description:
      'A tag is a movable pointer: whoever can push to the repository can make the same tag serve different content. Only a digest (`@sha256:…`) identifies the exact image, so that every node runs the bytes that were reviewed and scanned. Init and ephemeral containers count too.',
    remediation:
      'Reference images by digest, for example `nginx:1.27.3@sha256:…` (the tag is kept for readability and ignored when pulling). Tools such as Renovate or `crane digest` can resolve and update digests.',
    severity: 'info',
    kinds: ['workload'],
    refs: {},
    presets: ['strict'],
    options: {},
    messages: {
      unpinned: 'container "{{container}}" image "{{image}}" is not pinned by digest',
    },
    notes:
      'Any reference with `@<digest>` passes, whatever its tag. This rule is informational and only in the `strict` preset: immutable tags, registry tag immutability or admission-time signature checks give similar guarantees that a manifest cannot show. References that still contain a template placeholder are skipped.',
  },
  check({ workload, report }) {
    for (const { container, image, ref } of containerImages(workload)) {
      if (ref.digest !== undefined) continue;
      report({
        messageId: 'unpinned',
        path: joinPointer(container.pointer, 'image'),
        container,
        data: { container: container.name, image },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-tag-only }
spec:
  containers:
    - name: app
      image: nginx:1.27.3`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-digest }
spec:
  containers:
    - name: app
      image: nginx:1.27.3@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31`,
    ],
  },
});
