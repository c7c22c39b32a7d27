import { defineRule } from '../../engine/rule.js';
import { asArray, asObject, joinPointer } from '../../model/json.js';

export default defineRule({
  id: 'workload/ssh-port',
  meta: {
    title: 'Container exposes the SSH port',
    description:
      'A container that declares port 22 most likely runs an SSH server. Remote shells in containers bypass Kubernetes authentication, authorization and audit logging, and usually rely on long-lived keys or passwords baked into the image.',
    remediation:
      'Remove the SSH server and the port; use `kubectl exec` or `kubectl debug`, which go through Kubernetes RBAC and audit logging.',
    severity: 'low',
    kinds: ['workload'],
    refs: {
      mitre: ['T1021.004'],
    },
    presets: ['strict'],
    options: {},
    messages: {
      ssh: 'container "{{container}}" exposes port 22 (SSH)',
    },
    notes:
      "Reported for `containerPort: 22` with protocol TCP, written or defaulted; a declared port is informational in Kubernetes (the process can listen without it), so this is a hint in `strict` only. kube-linter's ssh-port and Kubescape C-0042 check the same port.",
  },
  check({ workload, report }) {
    for (const container of workload?.containers ?? []) {
      asArray(container.spec.ports).forEach((raw, index) => {
        const port = asObject(raw);
        if (port?.containerPort !== 22) return;
        if (port.protocol !== undefined && port.protocol !== 'TCP') return;
        report({
          messageId: 'ssh',
          path: joinPointer(container.pointer, 'ports', index, 'containerPort'),
          container,
          data: { container: container.name },
        });
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-ssh }
spec:
  containers:
    - name: bastion
      image: example.com/sshd:1.0
      ports:
        - { name: ssh, containerPort: 22 }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-http }
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports:
        - { containerPort: 80 }`,
    ],
  },
});
