import { defineRule } from '../../engine/rule.js';
import { asArray, joinPointer } from '../../model/json.js';

export default defineRule({
  id: 'workload/host-aliases',
  meta: {
    title: 'Pod overrides host names with hostAliases',
    description:
      "`hostAliases` writes entries into every container's `/etc/hosts`, which takes precedence over DNS. It hides name resolution from the cluster's DNS policy and monitoring, can silently send traffic for a service or external API to another address, and goes stale when the target moves.",
    remediation:
      'Remove `spec.hostAliases` and manage names through DNS: a Service, an ExternalName Service, or CoreDNS configuration.',
    severity: 'low',
    kinds: ['workload'],
    refs: {
      kubesec: ['HostAliases'],
    },
    presets: ['strict'],
    options: {},
    messages: {
      hostAliases: 'the pod adds {{count}} /etc/hosts entries through hostAliases',
    },
    notes:
      'Reported when `spec.hostAliases` is a non-empty list. kubesec (HostAliases, -3) reports the field whenever it is present, even as an empty list, which changes nothing in the pod; kubeward does not.',
  },
  check({ workload, report }) {
    if (!workload) return;
    const aliases = asArray(workload.podSpec.hostAliases);
    if (aliases.length === 0) return;
    report({
      messageId: 'hostAliases',
      path: joinPointer(workload.podSpecPointer, 'hostAliases'),
      data: { count: aliases.length },
    });
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-host-aliases }
spec:
  hostAliases:
    - ip: 10.0.0.10
      hostnames: [api.example.com]
  containers:
    - name: app
      image: nginx:1.27`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-empty }
spec:
  hostAliases: []
  containers:
    - name: app
      image: nginx:1.27`,
    ],
  },
});
