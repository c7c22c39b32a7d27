import { defineRule } from '../../engine/rule.js';

export default defineRule({
  id: 'workload/privileged',
  meta: {
    title: 'Container runs privileged',
    description:
      'A privileged container has every capability and access to all host devices; it can take over the node. Init and ephemeral containers count too.',
    remediation:
      'Remove `securityContext.privileged: true`, or set it to false, and grant only the specific capabilities the container needs.',
    severity: 'critical',
    kinds: ['workload'],
    refs: {
      cis: ['5.2.2'],
      pss: ['baseline/privileged'],
      nsa: ['pod-security/non-root-containers'],
      mitre: ['T1611'],
      kubesec: ['Privileged'],
    },
    presets: ['recommended', 'cis', 'nsa'],
    options: {},
    messages: {
      privileged: 'container "{{container}}" runs privileged',
    },
  },
  check({ workload, report }) {
    for (const container of workload?.containers ?? []) {
      const privileged = container.effective.privileged;
      if (privileged?.value === true) {
        report({
          messageId: 'privileged',
          path: privileged.pointer,
          container,
          data: { container: container.name },
        });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-privileged }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { privileged: true }`,
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-privileged-init }
spec:
  template:
    spec:
      initContainers:
        - name: setup
          image: busybox:1.36
          securityContext: { privileged: true }
      containers:
        - name: app
          image: nginx:1.27`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-unset }
spec:
  containers:
    - name: app
      image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-false }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { privileged: false }`,
    ],
  },
});
