import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './container-runtime-socket.js';

const pod = (...paths: string[]) => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers: [{ name: c, image: busybox:1.36 }]
  volumes:
${paths.map((p, i) => `    - { name: v${i}, hostPath: { path: "${p}" } }`).join('\n')}`;
const messages = (yaml: string, options?: Record<string, string[]>) =>
  runRule(rule, yaml, options).findings.map((f) => f.message);

describe('workload/container-runtime-socket', () => {
  it('matches sockets by name anywhere and by full path', () => {
    expect(
      messages(
        pod(
          '/run/docker.sock',
          '/opt/ci/docker.sock',
          '/run/crio/crio.sock/',
          '/run/k3s/containerd/containerd.sock',
        ),
      ),
    ).toEqual([
      'volume "v0" mounts the container runtime socket "/run/docker.sock"',
      'volume "v1" mounts the container runtime socket "/opt/ci/docker.sock"',
      'volume "v2" mounts the container runtime socket "/run/crio/crio.sock/"',
      'volume "v3" mounts the container runtime socket "/run/k3s/containerd/containerd.sock"',
    ]);
  });

  it('matches directories that contain a socket, but not /var through the /var/run link', () => {
    expect(
      messages(pod('/', '/run', '/var/run', '/run/containerd', '/var', '/run/user', '/var/lib/docker')),
    ).toEqual([
      'volume "v0" mounts host path "/", which contains the container runtime socket "/run/containerd/containerd.sock"',
      'volume "v1" mounts host path "/run", which contains the container runtime socket "/run/containerd/containerd.sock"',
      'volume "v2" mounts host path "/var/run", which contains the container runtime socket "/var/run/containerd/containerd.sock"',
      'volume "v3" mounts host path "/run/containerd", which contains the container runtime socket "/run/containerd/containerd.sock"',
    ]);
  });

  it('honours configured socket paths and names', () => {
    expect(
      messages(pod('/var/snap/microk8s/common/run', '/run/custom.sock'), {
        socketPaths: ['/var/snap/microk8s/common/run/containerd.sock'],
        socketNames: ['custom.sock'],
      }),
    ).toHaveLength(2);
  });
});
