import { describe, expect, it } from 'vitest';
import { loadText } from '../load/documents.js';
import {
  hostPathRelation,
  hostPathVolumes,
  matchHostPath,
  mountsOfVolume,
  normalizeHostPath,
} from './host-paths.js';
import { workloadOf } from './workload.js';

describe('normalizeHostPath', () => {
  it('canonicalises slashes, dot and dot-dot segments', () => {
    expect(normalizeHostPath('/etc/')).toBe('/etc');
    expect(normalizeHostPath('//var///lib/./kubelet/')).toBe('/var/lib/kubelet');
    expect(normalizeHostPath('/var/log/../../etc')).toBe('/etc');
    expect(normalizeHostPath('/../..')).toBe('/');
    expect(normalizeHostPath('/')).toBe('/');
  });

  it('gives up on paths that are not absolute POSIX paths', () => {
    expect(normalizeHostPath('C:\\var\\log')).toBeUndefined();
    expect(normalizeHostPath('etc')).toBeUndefined();
    expect(normalizeHostPath('')).toBeUndefined();
  });
});

describe('hostPathRelation', () => {
  it('compares whole components', () => {
    expect(hostPathRelation('/etc', '/etc')).toBe('equal');
    expect(hostPathRelation('/etc/kubernetes', '/etc')).toBe('under');
    expect(hostPathRelation('/var', '/var/lib/kubelet')).toBe('contains');
    expect(hostPathRelation('/etcd', '/etc')).toBeUndefined();
    expect(hostPathRelation('/var/lib/kube', '/var/lib/kubelet')).toBeUndefined();
  });

  it('treats a listed root as the root only', () => {
    expect(hostPathRelation('/', '/')).toBe('equal');
    expect(hostPathRelation('/data', '/')).toBeUndefined();
    expect(hostPathRelation('/', '/etc')).toBe('contains');
  });
});

describe('matchHostPath', () => {
  it('prefers an exact match, then the deepest parent, then a contained path', () => {
    const list = ['/etc', '/var/lib/kubelet', '/etc/kubernetes', 'relative/ignored'];
    expect(matchHostPath('/etc/kubernetes', list)).toEqual({ listed: '/etc/kubernetes', relation: 'equal' });
    expect(matchHostPath('/etc/kubernetes/pki', list)).toEqual({
      listed: '/etc/kubernetes',
      relation: 'under',
    });
    expect(matchHostPath('/var', list)).toEqual({ listed: '/var/lib/kubelet', relation: 'contains' });
    expect(matchHostPath('/opt', list)).toBeUndefined();
  });
});

describe('hostPathVolumes and mountsOfVolume', () => {
  it('lists hostPath volumes and their mounts in every container list', () => {
    const { resources } = loadText(
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: d }
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
          volumeMounts: [{ name: host, mountPath: /h, readOnly: false }]
      containers:
        - name: app
          image: nginx:1.27
          volumeMounts: [{ name: host, mountPath: /h, readOnly: true }, { name: tmp, mountPath: /tmp }]
      volumes:
        - name: host
          hostPath: { path: /var/log/ }
        - name: tmp
          emptyDir: {}`,
      { file: 'x.yaml' },
    );
    const workload = workloadOf(resources[0]!)!;
    const volumes = hostPathVolumes(workload);
    expect(volumes).toEqual([
      {
        name: 'host',
        pointer: '/spec/template/spec/volumes/0/hostPath',
        pathPointer: '/spec/template/spec/volumes/0/hostPath/path',
        path: '/var/log/',
        normalized: '/var/log',
      },
    ]);
    const mounts = mountsOfVolume(workload, 'host');
    expect(mounts.map((m) => [m.container.name, m.pointer, m.readOnly, m.hasReadOnlyKey])).toEqual([
      ['init', '/spec/template/spec/initContainers/0/volumeMounts/0', false, true],
      ['app', '/spec/template/spec/containers/0/volumeMounts/0', true, true],
    ]);
  });
});
