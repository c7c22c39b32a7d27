import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './restricted-volume-types.js';

describe('workload/restricted-volume-types', () => {
  it('reports hostPath, gitRepo and cloud volumes at their source key, and accepts image and csi volumes', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
    - name: app
      image: nginx:1.27
  volumes:
    - name: host
      hostPath: { path: /var/log }
    - name: repo
      gitRepo: { repository: "https://example.com/repo.git" }
    - name: disk
      awsElasticBlockStore: { volumeID: vol-1 }
    - name: tools
      image: { reference: "registry.example.com/tools:1.0" }
    - name: vault
      csi: { driver: secrets-store.csi.k8s.io }
    - name: templated
      hostPath: null
      emptyDir: {}`;
    const { findings } = runRule(rule, yaml);
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      ['/spec/volumes/0/hostPath', 'volume "host" uses the hostPath volume type'],
      ['/spec/volumes/1/gitRepo', 'volume "repo" uses the gitRepo volume type'],
      ['/spec/volumes/2/awsElasticBlockStore', 'volume "disk" uses the awsElasticBlockStore volume type'],
    ]);
  });
});
