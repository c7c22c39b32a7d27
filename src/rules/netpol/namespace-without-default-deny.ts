import { defineClusterRule } from '../../engine/rule.js';
import type { Resource } from '../../model/types.js';
import { isDefaultDeny } from '../../analysis/netpol/coverage.js';
import { analysisOf, NETPOL_KINDS } from './_analysis.js';

export default defineClusterRule({
  id: 'netpol/namespace-without-default-deny',
  meta: {
    title: 'Namespace without a default-deny network policy',
    description:
      'Without a policy that selects every pod of a namespace for a direction, new pods start unprotected and any pod a specific policy forgets stays open. A default deny for ingress and egress makes every allowed connection explicit.',
    remediation:
      'Add a policy with an empty podSelector (Calico: `selector: all()`) and both policy types, keeping DNS egress: `kubeward netpol generate default-deny -n <namespace>` writes one.',
    severity: 'medium',
    kinds: NETPOL_KINDS,
    refs: { cis: ['5.3.2'] },
    presets: ['strict', 'cis'],
    options: {
      ignoredNamespaces: {
        type: 'string-list',
        default: ['kube-system', 'kube-public', 'kube-node-lease'],
        description:
          'Namespaces not checked (system namespaces, where a default deny can break the cluster).',
      },
    },
    messages: {
      both: 'namespace {{namespace}} has no default-deny policy for ingress or egress',
      ingress: 'namespace {{namespace}} has no default-deny policy for ingress',
      egress: 'namespace {{namespace}} has no default-deny policy for egress',
    },
    notes:
      "A default deny for a direction is a policy that applies to that direction (policyTypes / types) and selects every pod of the namespace: a Kubernetes policy with an empty podSelector, a Calico NetworkPolicy with no selector or `all()`, or a GlobalNetworkPolicy whose namespaceSelector covers the namespace. It may still allow some traffic; what matters is that every pod is isolated. Namespaces are those of the input's workloads and Namespace objects; the finding is reported on the Namespace object, or on the first workload of a namespace that has none.",
  },
  check({ index, options, report }) {
    const analysis = analysisOf(index);
    const namespaceObjects = new Map<string, Resource>();
    for (const r of index.ofKind('Namespace')) if (r.apiVersion === 'v1') namespaceObjects.set(r.name, r);
    for (const ns of analysis.namespaces) {
      if (options.ignoredNamespaces.includes(ns)) continue;
      const missing = (['ingress', 'egress'] as const).filter(
        (d) => !analysis.policies.some((p) => isDefaultDeny(p, ns, d)),
      );
      if (missing.length === 0) continue;
      const object = namespaceObjects.get(ns);
      const workload = analysis.workloads.find((w) => w.namespace === ns);
      const resource = object ?? workload?.resource;
      if (!resource) continue;
      report({
        messageId: missing.length === 2 ? 'both' : (missing[0] as 'ingress' | 'egress'),
        resource,
        path: object ? '/metadata/name' : '/metadata',
        data: { namespace: ns },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Namespace
metadata: { name: fire-open }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: fire-open }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1 }] }`,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-ingress, namespace: shop }
spec:
  podSelector: {}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-egress-open, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1 }] }`,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-egress, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-ingress-open, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1 }] }`,
    ],
    pass: [
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: dont-fire, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1 }] }`,
      `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: default-deny }
spec:
  namespaceSelector: projectcalico.org/name == 'shop'
  types: [Ingress, Egress]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: dont-fire-calico, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1 }] }`,
    ],
  },
});
