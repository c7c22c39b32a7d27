import { describe, expect, it } from 'vitest';
import { asObject } from '../model/json.js';
import { defineClusterRule } from './rule.js';
import { runRule } from './testing.js';

// A small cluster-scope rule for the engine test: a Service whose selector matches no workload's pod labels.
const orphanService = defineClusterRule({
  id: 'test/orphan-service',
  meta: {
    title: 'Service selects no workload',
    description: 'Test rule.',
    remediation: 'Fix the selector.',
    severity: 'low',
    kinds: ['Service', 'workload'],
    refs: {},
    presets: [],
    options: {},
    messages: { orphan: 'Service "{{name}}" selects no workload' },
  },
  check({ index, report }) {
    for (const service of index.ofKind('Service')) {
      const selector = asObject(asObject(service.object.spec)?.selector) ?? {};
      const matched = index.inNamespace('workload', service.namespace).some((w) => {
        const labels =
          asObject(asObject(asObject(asObject(w.object.spec)?.template)?.metadata)?.labels) ?? {};
        return Object.entries(selector).every(([k, v]) => labels[k] === v);
      });
      if (!matched)
        report({
          messageId: 'orphan',
          resource: service,
          path: '/spec/selector',
          data: { name: service.name },
        });
    }
  },
  examples: { pass: [], fail: [] },
});

const input = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1 }] }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
---
apiVersion: v1
kind: Service
metadata:
  name: typo
  namespace: shop
  annotations: { kubeward.io/ignore: test/orphan-service, kubeward.io/ignore-reason: headless on purpose }
spec:
  selector: { app: wbe }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: other }
spec:
  selector:
    app: web
`;

describe('cluster-scope rules', () => {
  it('see every resource of their kinds together, and findings get the location and suppression of their resource', () => {
    const { findings, problems } = runRule(orphanService, input);
    expect(problems).toEqual([]);
    expect(
      findings.map((f) => [
        `${f.resource.namespace}/${f.resource.name}`,
        f.location.line,
        f.suppressed?.by ?? '-',
      ]),
    ).toEqual([
      ['shop/typo', 22, 'annotation'],
      ['other/web', 28, '-'],
    ]);
    expect(findings[1]?.message).toBe('Service "web" selects no workload');
  });
});
