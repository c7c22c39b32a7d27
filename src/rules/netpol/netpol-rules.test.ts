import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import ingressNotIsolated from './ingress-not-isolated.js';
import metadataEgress from './metadata-egress.js';
import namespaceWithoutDefaultDeny from './namespace-without-default-deny.js';
import policySelectsNothing from './policy-selects-nothing.js';

const web = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1 }] }
`;

const policy = (name: string, spec: string): string => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: shop }
spec:
${spec}`;

describe('netpol/metadata-egress', () => {
  it('names the egress rule that opens 169.254.169.254, not the default deny or the DNS policy', () => {
    const yaml =
      web +
      policy('default-deny', '  podSelector: {}\n  policyTypes: [Ingress, Egress]\n') +
      policy(
        'dns',
        `  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to: [{ namespaceSelector: {}, podSelector: { matchLabels: { k8s-app: kube-dns } } }]
      ports: [{ port: 53, protocol: UDP }]
`,
      ) +
      policy(
        'web-egress',
        `  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress:
    - to: [{ podSelector: {} }]
    - to: [{ ipBlock: { cidr: 0.0.0.0/0 } }]
      ports: [{ port: 80 }, { port: 443 }]
`,
      );
    const { findings } = runRule(metadataEgress, yaml);
    expect(findings.map((f) => f.message)).toEqual([
      'shop/web[Deployment] may connect to 169.254.169.254 (TCP 80,443): allowed by NetworkPolicy shop/web-egress egress rule 2',
    ]);
  });

  it('names every rule of the union that opens it', () => {
    const yaml =
      web +
      policy(
        'a',
        `  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to: [{ ipBlock: { cidr: 169.254.0.0/16 } }]
      ports: [{ port: 80 }]
`,
      ) +
      policy('b', '  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{}]\n');
    const { findings } = runRule(metadataEgress, yaml);
    expect(findings.map((f) => f.message)).toEqual([
      'shop/web[Deployment] may connect to 169.254.169.254 (All Connections): allowed by NetworkPolicy shop/a egress rule 1, NetworkPolicy shop/b egress rule 1',
    ]);
  });
});

describe('an empty policyTypes list is defaulted like a missing one', () => {
  // The API server sets policyTypes when len(policyTypes) == 0: [Ingress], plus Egress with egress rules.
  const emptyTypes = policy('deny', '  podSelector: {}\n  policyTypes: []\n');

  it('isolates the selected pods for ingress', () => {
    expect(runRule(ingressNotIsolated, web + emptyTypes).findings).toEqual([]);
    expect(runRule(ingressNotIsolated, web).findings).toHaveLength(1);
  });

  it('counts as a default deny for ingress only', () => {
    expect(runRule(namespaceWithoutDefaultDeny, web + emptyTypes).findings.map((f) => f.message)).toEqual([
      'namespace shop has no default-deny policy for egress',
    ]);
    const withEgress = policy(
      'deny',
      '  podSelector: {}\n  policyTypes: []\n  egress:\n    - ports: [{ port: 53, protocol: UDP }]\n',
    );
    expect(runRule(namespaceWithoutDefaultDeny, web + withEgress).findings).toEqual([]);
  });
});

describe('a selector too deep to parse', () => {
  // 2,500 nested parentheses or 50,000 negations used to overflow the stack and fail every netpol rule.
  const calico = (name: string, selector: string): string => `---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: { name: ${name}, namespace: shop }
spec:
  selector: ${JSON.stringify(selector)}
  ingress: [{ action: Allow }]
`;
  const deep = calico('deep', '('.repeat(2500) + "app == 'web'" + ')'.repeat(2500));
  const negated = calico('negated', '!'.repeat(50000) + "app == 'web'");

  it('leaves the other netpol rules working', () => {
    const run = runRule(policySelectsNothing, web + deep + negated);
    expect(run.problems).toEqual([]);
    // The invalid selector matches nothing; 50,000 negations cancel out and select web.
    expect(run.findings.map((f) => f.message)).toEqual([
      'Calico NetworkPolicy shop/deep selects no workload of the input',
    ]);
    expect(runRule(ingressNotIsolated, web + deep + negated)).toEqual({ findings: [], problems: [] });
  });
});
