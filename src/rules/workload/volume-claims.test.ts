import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import accessMode from './volume-claim-access-mode.js';
import storage from './volume-claim-storage-request.js';

const statefulSet = (templates: string, apiVersion = 'apps/v1') => `apiVersion: ${apiVersion}
kind: StatefulSet
metadata: { name: s }
spec:
  serviceName: s
  selector: { matchLabels: { app: s } }
  template:
    metadata: { labels: { app: s } }
    spec:
      containers:
        - name: db
          image: postgres:16.4
${templates}`;

describe('workload/volume-claim-access-mode', () => {
  it('reports each shared mode of a mixed list and accepts ReadWriteOncePod', () => {
    const yaml = statefulSet(`  volumeClaimTemplates:
    - metadata: { name: a }
      spec:
        accessModes: [ReadWriteOnce, ReadOnlyMany]
        resources: { requests: { storage: 1Gi } }
    - metadata: { name: b }
      spec:
        accessModes: [ReadWriteOncePod]
        resources: { requests: { storage: 1Gi } }`);
    expect(runRule(accessMode, yaml).findings.map((f) => [f.path, f.message])).toEqual([
      [
        '/spec/volumeClaimTemplates/0/spec/accessModes/1',
        'claim template "a" requests access mode ReadOnlyMany',
      ],
    ]);
  });

  it('passes a StatefulSet without claim templates and ignores other API groups', () => {
    expect(runRule(accessMode, statefulSet('')).findings).toEqual([]);
    const other = statefulSet(
      `  volumeClaimTemplates:
    - metadata: { name: a }
      spec:
        accessModes: [ReadWriteMany]`,
      'example.com/v1',
    );
    expect(runRule(accessMode, other).findings).toEqual([]);
    expect(runRule(storage, other).findings).toEqual([]);
  });
});

describe('workload/volume-claim-storage-request', () => {
  it('reports each template without a size', () => {
    const yaml = statefulSet(`  volumeClaimTemplates:
    - metadata: { name: a }
      spec:
        accessModes: [ReadWriteOnce]
        resources: { requests: { storage: 1Gi } }
    - spec:
        accessModes: [ReadWriteOnce]
        resources: { limits: { storage: 1Gi } }`);
    expect(runRule(storage, yaml).findings.map((f) => [f.path, f.message])).toEqual([
      [
        '/spec/volumeClaimTemplates/1/spec/resources/requests/storage',
        'claim template "#1" does not request a storage size',
      ],
    ]);
  });
});
