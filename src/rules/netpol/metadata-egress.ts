import { defineClusterRule } from '../../engine/rule.js';
import { workloadOf } from '../../model/workload.js';
import type { NetpolAnalysis } from '../../analysis/netpol/analysis.js';
import type { Endpoint } from '../../analysis/netpol/types.js';
import { analysisOf, NETPOL_KINDS } from './_analysis.js';

/**
 * The egress rules that open the connection (not every policy that selects the workload: a default deny
 * among them allows nothing), as `NetworkPolicy shop/web egress rule 2`, or Calico's namespace profile when
 * a Pass reached it.
 */
function allowingRules(analysis: NetpolAnalysis, src: Endpoint, dst: Endpoint): string {
  const names: string[] = [];
  for (const step of analysis.explain(src, dst).egress.steps) {
    const name =
      step.kind === 'rule' && step.action === 'Allow' && step.rule
        ? `${step.rule.policy.label} egress rule ${step.rule.index + 1}`
        : step.kind === 'profile'
          ? 'the namespace profile (reached through Pass)'
          : undefined;
    if (name && !names.includes(name)) names.push(name);
  }
  return names.join(', ');
}

export default defineClusterRule({
  id: 'netpol/metadata-egress',
  meta: {
    title: 'Egress to the cloud metadata address allowed',
    description:
      "A pod that may connect to 169.254.169.254 can read the instance metadata service and, unless the node limits IMDS hops or a credential proxy intercepts it, obtain the node role's cloud credentials. Network policy is the place to block it for application pods.",
    remediation:
      'Isolate the workload for egress (a default-deny egress policy) and exclude 169.254.169.254/32 from every ipBlock that allows external addresses (`except`), or deny it first with a Calico policy.',
    severity: 'high',
    kinds: NETPOL_KINDS,
    refs: { mitre: ['T1552.005'] },
    presets: ['strict'],
    options: {
      systemNamespaces: {
        type: 'string-list',
        default: ['kube-system'],
        description:
          'Namespaces whose workloads may reach the metadata address (node agents, CNI, credential proxies).',
      },
    },
    messages: {
      notIsolated: '{{workload}} is not isolated for egress: it may connect to {{address}} ({{conns}})',
      allowed: '{{workload}} may connect to {{address}} ({{conns}}): allowed by {{allowedBy}}',
    },
    notes:
      "The verdict is the network-policy evaluator's (Kubernetes and Calico semantics) for the connection from the workload to the address 169.254.169.254; node-level protections (IMDSv2 with a hop limit of 1, kube2iam or kiam interception) are outside its view. hostNetwork workloads are skipped: they use the node's network, which no pod policy governs.",
  },
  check({ index, options, report }) {
    const analysis = analysisOf(index);
    const metadata = analysis.endpoints.find((e) => e.type === 'external' && e.name === 'cloud-metadata');
    if (!metadata || metadata.type !== 'external') return;
    for (const w of analysis.workloads) {
      if (w.hostNetwork || options.systemNamespaces.includes(w.namespace)) continue;
      const conns = analysis.allowed(w, metadata);
      if (conns.isEmpty()) continue;
      const isolated = analysis.isIsolated(w, 'egress');
      report({
        messageId: isolated ? 'allowed' : 'notIsolated',
        resource: w.resource,
        path: workloadOf(w.resource)?.podSpecPointer ?? '/spec',
        data: {
          workload: w.display,
          address: '169.254.169.254',
          conns: conns.toString(),
          allowedBy: isolated ? allowingRules(analysis, w, metadata) : '',
        },
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
    spec: { containers: [{ name: web, image: web:1 }] }`,
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-internet, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1 }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: internet-egress, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to: [{ ipBlock: { cidr: 0.0.0.0/0 } }]
      ports: [{ port: 80 }]`,
    ],
    pass: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: dont-fire, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1 }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: internet-egress, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to: [{ ipBlock: { cidr: 0.0.0.0/0, except: [169.254.169.254/32] } }]`,
    ],
  },
});
