import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './sensitive-host-path.js';

const pod = (...paths: string[]) => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers: [{ name: c, image: busybox:1.36 }]
  volumes:
${paths.map((p, i) => `    - { name: v${i}, hostPath: { path: "${p}" } }`).join('\n')}`;
const messages = (yaml: string, options?: Record<string, string[]>) =>
  runRule(rule, yaml, options).findings.map((f) => f.message);

describe('workload/sensitive-host-path', () => {
  it('matches equal, under and parent paths after normalisation', () => {
    expect(messages(pod('/', '/etc/', '/proc/sys/kernel', '/var/lib', '/var/log/../lib/kubelet'))).toEqual([
      'volume "v0" mounts host path "/", a sensitive path',
      'volume "v1" mounts host path "/etc/", a sensitive path',
      'volume "v2" mounts host path "/proc/sys/kernel", which is under the sensitive path "/proc"',
      'volume "v3" mounts host path "/var/lib", which contains the sensitive path "/var/lib/containerd"',
      'volume "v4" mounts host path "/var/log/../lib/kubelet", a sensitive path',
    ]);
  });

  it('compares whole path components and ignores non-POSIX paths', () => {
    expect(messages(pod('/etcd', '/data', '/var/log', '/opt/proc', 'C:\\Windows'))).toEqual([]);
  });

  it('points at hostPath.path', () => {
    expect(runRule(rule, pod('/dev')).findings.map((f) => f.path)).toEqual(['/spec/volumes/0/hostPath/path']);
  });

  it('uses the configured list instead of the default', () => {
    expect(messages(pod('/etc', '/var/log/app'), { paths: ['/var/log'] })).toEqual([
      'volume "v1" mounts host path "/var/log/app", which is under the sensitive path "/var/log"',
    ]);
  });
});
