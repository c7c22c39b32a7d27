import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';
import { containerImages, defaultPullPolicy, isMutableReference } from '../../model/image.js';

export default defineRule({
  id: 'workload/image-pull-policy',
  meta: {
    title: 'Mutable image tag without imagePullPolicy Always',
    description:
      'With a `:latest` or missing tag and an `imagePullPolicy` of `IfNotPresent` or `Never`, each node keeps running whichever `:latest` it pulled first. Nodes then run different code, and a fixed image never reaches nodes that already have an old copy. Init and ephemeral containers count too.',
    remediation:
      'Pin a version tag or digest (preferred), or remove `imagePullPolicy` (Kubernetes then defaults it to `Always` for `:latest`) or set it to `Always`.',
    severity: 'low',
    kinds: ['workload'],
    refs: {},
    presets: ['recommended'],
    options: {},
    messages: {
      stale: 'container "{{container}}" uses the mutable image "{{image}}" with imagePullPolicy {{policy}}',
    },
    notes:
      'The effective policy is judged. When `imagePullPolicy` is omitted, the API server sets `Always` for an untagged or `:latest` reference and `IfNotPresent` otherwise, so an omitted policy never fires this rule. A reference pinned by digest is immutable and passes whatever the policy. Polaris and kube-score ask for `Always` on every image; kubeward only reports the combination that can actually run stale code. The tag itself is reported by `workload/image-tag`.',
  },
  check({ workload, report }) {
    for (const { container, image, ref } of containerImages(workload)) {
      if (!isMutableReference(ref)) continue;
      const declared = container.spec.imagePullPolicy;
      const policy = typeof declared === 'string' && declared !== '' ? declared : defaultPullPolicy(ref);
      if (policy === 'Always') continue;
      report({
        messageId: 'stale',
        path: joinPointer(container.pointer, 'imagePullPolicy'),
        container,
        data: { container: container.name, image, policy },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-if-not-present }
spec:
  template:
    spec:
      containers:
        - name: app
          image: team/app:latest
          imagePullPolicy: IfNotPresent`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-defaulted-always }
spec:
  containers:
    - name: app
      image: team/app`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-versioned }
spec:
  containers:
    - name: app
      image: team/app:2.0.1
      imagePullPolicy: IfNotPresent`,
    ],
  },
});
