import { describe, expect, it } from 'vitest';
import { loadText } from './documents.js';
import { MASKED_VALUE, snapshotYaml } from './cluster-snapshot.js';

describe('snapshotYaml', () => {
  it('never writes Secret values, keeps their keys, and leaves other kinds alone', () => {
    const input = `apiVersion: v1
kind: Secret
metadata: { name: db, namespace: shop }
data: { password: aHVudGVyMg== }
stringData: { token: plain-text-token }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: shop }
data: { mode: fast }
`;
    const { resources } = loadText(input, { file: 'in.yaml' });
    const out = snapshotYaml('ctx', resources, []);
    expect(out).not.toContain('aHVudGVyMg==');
    expect(out).not.toContain('plain-text-token');
    const back = loadText(out, { file: 'snap.yaml' }).resources;
    expect(back.find((r) => r.kind === 'Secret')?.object.data).toEqual({ password: MASKED_VALUE });
    expect(back.find((r) => r.kind === 'Secret')?.object.stringData).toEqual({ token: MASKED_VALUE });
    expect(back.find((r) => r.kind === 'ConfigMap')?.object.data).toEqual({ mode: 'fast' });
    expect(resources.find((r) => r.kind === 'Secret')?.object.data).toEqual({ password: 'aHVudGVyMg==' });
  });
});
