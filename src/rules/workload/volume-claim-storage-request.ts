import { defineRule } from '../../engine/rule.js';
import { asObject, joinPointer } from '../../model/json.js';
import { claimTemplates } from './_volume-claims.js';

export default defineRule({
  id: 'workload/volume-claim-storage-request',
  meta: {
    title: 'StatefulSet claim template requests no storage size',
    description:
      'A claim template without `resources.requests.storage` does not say how much storage each replica needs; the API server rejects such a claim, or a provisioner picks an arbitrary size, and storage quotas cannot account for it.',
    remediation:
      'Set `spec.resources.requests.storage` (for example `10Gi`) in every entry of `volumeClaimTemplates`.',
    severity: 'info',
    kinds: ['StatefulSet'],
    refs: {
      kubesec: ['VolumeClaimRequestsStorage'],
    },
    presets: ['strict'],
    options: {},
    messages: {
      missing: 'claim template "{{claim}}" does not request a storage size',
    },
    notes:
      'Every claim template is checked. A StatefulSet without claim templates passes. kubesec (VolumeClaimRequestsStorage, +1) awards its point when any template requests storage; kubeward reports each template that does not.',
  },
  check({ resource, report }) {
    for (const { pointer, claim, spec } of claimTemplates(resource)) {
      const requests = asObject(asObject(spec?.resources)?.requests);
      if (requests?.storage != null) continue;
      report({
        messageId: 'missing',
        path: joinPointer(pointer, 'spec', 'resources', 'requests', 'storage'),
        data: { claim },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: fire-no-size }
spec:
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers:
        - name: db
          image: postgres:16.4
  volumeClaimTemplates:
    - metadata: { name: data }
      spec:
        accessModes: [ReadWriteOnce]`,
    ],
    pass: [
      `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: dont-fire-sized }
spec:
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers:
        - name: db
          image: postgres:16.4
  volumeClaimTemplates:
    - metadata: { name: data }
      spec:
        accessModes: [ReadWriteOnce]
        resources: { requests: { storage: 10Gi } }`,
    ],
  },
});
