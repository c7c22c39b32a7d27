import { defineClusterRule } from '../../engine/rule.js';
import { analysisOf, NETPOL_KINDS } from './_analysis.js';

export default defineClusterRule({
  id: 'netpol/allow-all',
  meta: {
    title: 'Policy rule allows all ingress or egress traffic',
    description:
      'A rule with no peers and no ports (Kubernetes `ingress: [{}]` or `egress: [{}]`, Calico `action: Allow` with no match criteria) allows every protocol and port from or to everything, including addresses outside the cluster. It cancels the isolation the policy otherwise provides.',
    remediation:
      'List the peers (podSelector, namespaceSelector, ipBlock; Calico selectors or nets) and the ports the workload needs instead of allowing everything.',
    severity: 'medium',
    kinds: NETPOL_KINDS,
    refs: {},
    presets: ['recommended'],
    options: {},
    messages: {
      ingress: '{{policy}} ingress rule {{rule}} allows all traffic from anywhere to the pods it selects',
      egress: '{{policy}} egress rule {{rule}} allows all traffic from the pods it selects to anywhere',
    },
    notes:
      'Only rules whose direction the policy applies to are judged (a Kubernetes rule under a direction missing from policyTypes is ignored by the API and is reported by `kubeward netpol coverage` instead).',
  },
  check({ index, report }) {
    const analysis = analysisOf(index);
    for (const policy of analysis.policies) {
      for (const rule of [...policy.ingress, ...policy.egress]) {
        const info = rule.info;
        if (!rule.valid || info.action !== 'Allow' || !policy.info.types.includes(info.direction)) continue;
        const c = rule.conn;
        if (
          !rule.src.all ||
          !rule.dst.all ||
          c.include !== 'all' ||
          c.protocol ||
          c.notProtocol ||
          c.exclude.length > 0
        )
          continue;
        report({
          messageId: info.direction,
          resource: policy.info.resource,
          path: info.pointer,
          data: { policy: policy.info.label, rule: info.index + 1 },
        });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: fire-allow-all, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress: [{}]
  egress:
    - {}`,
    ],
    pass: [
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: dont-fire, namespace: shop }
spec:
  podSelector: {}
  ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }]
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: { name: dont-fire-calico, namespace: shop }
spec:
  selector: all()
  ingress:
    - action: Allow
      source: { selector: app == 'web' }`,
    ],
  },
});
