import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import hostPort from './host-port.js';
import sshPort from './ssh-port.js';

const pod = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  initContainers:
    - name: init
      image: busybox:1.36
      ports: [{ containerPort: 22, hostPort: 2222 }, { containerPort: 53, protocol: UDP, hostPort: 0 }]
  containers:
    - name: app
      image: nginx:1.27
      ports: [{ containerPort: 22, protocol: UDP }, { containerPort: 80 }]`;

describe('workload/host-port', () => {
  it('reports non-zero host ports in every container list, at the hostPort field', () => {
    expect(runRule(hostPort, pod).findings.map((f) => [f.path, f.message])).toEqual([
      ['/spec/initContainers/0/ports/0/hostPort', 'container "init" binds host port 2222'],
    ]);
  });
});

describe('workload/ssh-port', () => {
  it('reports TCP port 22 only (protocol defaults to TCP)', () => {
    expect(runRule(sshPort, pod).findings.map((f) => f.path)).toEqual([
      '/spec/initContainers/0/ports/0/containerPort',
    ]);
  });
});
