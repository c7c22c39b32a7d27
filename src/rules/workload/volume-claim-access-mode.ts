import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';
import { claimTemplates } from './_volume-claims.js';

/** Access modes that give each replica's volume to a single node (or pod). */
const SINGLE_WRITER_MODES: ReadonlySet<string> = new Set(['ReadWriteOnce', 'ReadWriteOncePod']);

export default defineRule({
  id: 'workload/volume-claim-access-mode',
  meta: {
    title: 'StatefulSet claim template shares its volume',
    description:
      "Each replica of a StatefulSet gets its own volume from the claim templates. Access modes such as `ReadWriteMany` or `ReadOnlyMany` let the same volume be mounted by pods on other nodes, which a per-replica volume does not need and which widens who can read or corrupt the replica's data.",
    remediation:
      'Use `accessModes: [ReadWriteOnce]` (or `ReadWriteOncePod`) in `volumeClaimTemplates`; share data between replicas through the application, or through a separate, explicitly shared PersistentVolumeClaim.',
    severity: 'info',
    kinds: ['StatefulSet'],
    refs: {
      kubesec: ['VolumeClaimAccessModeReadWriteOnce'],
    },
    presets: ['strict'],
    options: {},
    messages: {
      shared: 'claim template "{{claim}}" requests access mode {{mode}}',
      missing: 'claim template "{{claim}}" sets no accessModes',
    },
    notes:
      'Every claim template is checked, and every access mode other than `ReadWriteOnce` and `ReadWriteOncePod` is reported, so `[ReadWriteOnce, ReadOnlyMany]` is reported for `ReadOnlyMany`. A template without `accessModes` is reported too: the API server rejects it. A StatefulSet without claim templates passes. kubesec (VolumeClaimAccessModeReadWriteOnce, +1) only awards its point when the access modes are exactly `[ReadWriteOnce]`.',
  },
  check({ resource, report }) {
    for (const { pointer, claim, spec } of claimTemplates(resource)) {
      const modes = spec?.accessModes;
      if (!Array.isArray(modes) || modes.length === 0) {
        report({ messageId: 'missing', path: joinPointer(pointer, 'spec', 'accessModes'), data: { claim } });
        continue;
      }
      modes.forEach((mode, i) => {
        if (typeof mode === 'string' && SINGLE_WRITER_MODES.has(mode)) return;
        report({
          messageId: 'shared',
          path: joinPointer(pointer, 'spec', 'accessModes', i),
          data: { claim, mode: String(mode) },
        });
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: fire-rwx }
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
        accessModes: [ReadWriteMany]
        resources: { requests: { storage: 10Gi } }
    - metadata: { name: logs }
      spec:
        resources: { requests: { storage: 1Gi } }`,
    ],
    pass: [
      `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: dont-fire-rwo }
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
