import { defineClusterRule } from '../../engine/rule.js';
import { policiesSelectingNothing } from '../../analysis/netpol/coverage.js';
import { analysisOf, NETPOL_KINDS } from './_analysis.js';

export default defineClusterRule({
  id: 'netpol/policy-selects-nothing',
  meta: {
    title: 'Network policy selects no workload',
    description:
      'A policy whose selector matches no workload of the input protects nothing: often a label typo, a policy in the wrong namespace, or one left behind after the workload was renamed. The pods it was meant for stay open.',
    remediation:
      'Fix the podSelector (Calico: selector, namespaceSelector, serviceAccountSelector) or the namespace so that it selects the intended pods, or delete the policy.',
    severity: 'low',
    kinds: NETPOL_KINDS,
    refs: {},
    presets: ['recommended'],
    options: {},
    messages: {
      nothing: '{{policy}} selects no workload of the input',
    },
    notes:
      'The judgement covers the workloads in the scanned input only: a policy for pods deployed from elsewhere is reported too, so scan the whole application (or exempt the policy with a reason).',
  },
  check({ index, report }) {
    const analysis = analysisOf(index);
    for (const policy of policiesSelectingNothing(analysis)) {
      report({
        messageId: 'nothing',
        resource: policy.info.resource,
        path: policy.info.kind === 'NetworkPolicy' ? '/spec/podSelector' : '/spec/selector',
        data: { policy: policy.info.label },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1 }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: fire-typo, namespace: shop }
spec:
  podSelector: { matchLabels: { app: wbe } }`,
    ],
    pass: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1 }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: dont-fire, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }`,
    ],
  },
});
