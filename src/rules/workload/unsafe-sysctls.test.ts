import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './unsafe-sysctls.js';

const pod = (names: string[]) => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext:
    sysctls:
${names.map((n) => `      - { name: ${n}, value: "1" }`).join('\n')}
  containers:
    - name: app
      image: nginx:1.27`;

describe('workload/unsafe-sysctls', () => {
  it('accepts the whole current safe set, including the 1.27, 1.29 and 1.32 additions', () => {
    const safe = [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
      'net.ipv4.ip_local_reserved_ports',
      'net.ipv4.tcp_keepalive_time',
      'net.ipv4.tcp_fin_timeout',
      'net.ipv4.tcp_keepalive_intvl',
      'net.ipv4.tcp_keepalive_probes',
      'net.ipv4.tcp_rmem',
      'net.ipv4.tcp_wmem',
    ];
    expect(runRule(rule, pod(safe)).findings).toEqual([]);
  });

  it('reports each unsafe name at its entry, with slash-separated names normalised', () => {
    const { findings } = runRule(
      rule,
      pod(['kernel.msgmax', 'net/core/somaxconn', 'net/ipv4/tcp_syncookies']),
    );
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      ['/spec/securityContext/sysctls/0/name', 'pod sets unsafe sysctl "kernel.msgmax"'],
      ['/spec/securityContext/sysctls/1/name', 'pod sets unsafe sysctl "net/core/somaxconn"'],
    ]);
  });

  it('accepts names and prefixes from the allowed option', () => {
    const yaml = pod(['kernel.msgmax', 'kernel.msgmnb', 'net.core.somaxconn', 'vm.swappiness']);
    const { findings } = runRule(rule, yaml, { allowed: ['kernel.msg*', 'net.core.somaxconn'] });
    expect(findings.map((f) => f.message)).toEqual(['pod sets unsafe sysctl "vm.swappiness"']);
  });
});
