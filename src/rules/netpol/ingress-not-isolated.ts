import { defineClusterRule } from '../../engine/rule.js';
import { workloadOf } from '../../model/workload.js';
import { analysisOf, NETPOL_KINDS } from './_analysis.js';

export default defineClusterRule({
  id: 'netpol/ingress-not-isolated',
  meta: {
    title: 'Workload selected by no ingress policy',
    description:
      'A pod that no NetworkPolicy (or Calico policy) selects for ingress accepts connections from every pod in the cluster and from any address that can route to it. One compromised pod can then reach it directly.',
    remediation:
      'Add a default-deny ingress policy to the namespace (`kubeward netpol generate default-deny`) and allow only the sources the workload needs.',
    severity: 'medium',
    kinds: NETPOL_KINDS,
    refs: { cis: ['5.3.2'] },
    presets: ['strict', 'cis'],
    options: {},
    messages: {
      notIsolated: '{{workload}} is selected by no ingress policy: every source may connect to it',
    },
    notes:
      'Isolation follows the Kubernetes rule: a pod is isolated for ingress when at least one policy whose policyTypes include Ingress selects it (Calico policies count when their types include Ingress). hostNetwork workloads are skipped: network policies do not reliably apply to them.',
  },
  check({ index, report }) {
    const analysis = analysisOf(index);
    for (const w of analysis.workloads) {
      if (w.hostNetwork || analysis.isIsolated(w, 'ingress')) continue;
      report({
        messageId: 'notIsolated',
        resource: w.resource,
        path: workloadOf(w.resource)?.podMetadataPointer ?? '/metadata',
        data: { workload: w.display },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-open, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1 }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: egress-only, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]`,
    ],
    pass: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: dont-fire-isolated, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1 }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop }
spec:
  podSelector: {}`,
    ],
  },
});
