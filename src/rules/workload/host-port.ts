import { defineRule } from '../../engine/rule.js';
import { asArray, asObject, joinPointer } from '../../model/json.js';

export default defineRule({
  id: 'workload/host-port',
  meta: {
    title: 'Container binds a host port',
    description:
      "A `hostPort` opens the port on the node's own address and forwards it to the container. It exposes the workload outside any Service, often bypasses NetworkPolicy (which many network plugins do not apply to host-port traffic), limits scheduling to one such pod per node, and can shadow node services.",
    remediation:
      'Remove `hostPort` and expose the workload through a Service (ClusterIP, NodePort or LoadBalancer) or an Ingress.',
    severity: 'medium',
    kinds: ['workload'],
    refs: {
      cis: ['5.2.12'],
      pss: ['baseline/hostPorts'],
    },
    presets: ['recommended', 'cis'],
    options: {},
    messages: {
      hostPort: 'container "{{container}}" binds host port {{hostPort}}',
    },
    notes:
      'A `hostPort` of 0 or an absent one means no host port, as in Pod Security Admission; any other number is reported, on init and ephemeral containers too. With `hostNetwork: true` the API server fills in `hostPort` equal to `containerPort` on Pods; that is not visible in a manifest and is covered by `workload/host-network`.',
  },
  check({ workload, report }) {
    for (const container of workload?.containers ?? []) {
      asArray(container.spec.ports).forEach((raw, index) => {
        const hostPort = asObject(raw)?.hostPort;
        if (typeof hostPort !== 'number' || hostPort === 0) return;
        report({
          messageId: 'hostPort',
          path: joinPointer(container.pointer, 'ports', index, 'hostPort'),
          container,
          data: { container: container.name, hostPort },
        });
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fire-host-port }
spec:
  selector: { matchLabels: { app: ingress } }
  template:
    metadata: { labels: { app: ingress } }
    spec:
      containers:
        - name: controller
          image: example.com/ingress:1.0
          ports:
            - { containerPort: 8443, hostPort: 443 }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-container-port }
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports:
        - { containerPort: 8080 }
        - { containerPort: 9090, hostPort: 0 }`,
    ],
  },
});
