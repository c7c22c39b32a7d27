import { defineRule } from '../../engine/rule.js';
import { asArray, asObject, joinPointer } from '../../model/json.js';

/**
 * The sysctls Kubernetes considers safe (namespaced and isolated per pod), which are also the only ones Pod
 * Security Standards (baseline) allow, with the Kubernetes version that added each.
 */
const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', // 1.18
  'net.ipv4.ip_unprivileged_port_start', // 1.22
  'net.ipv4.ip_local_reserved_ports', // 1.27
  'net.ipv4.tcp_keepalive_time', // 1.29
  'net.ipv4.tcp_fin_timeout', // 1.29
  'net.ipv4.tcp_keepalive_intvl', // 1.29
  'net.ipv4.tcp_keepalive_probes', // 1.29
  'net.ipv4.tcp_rmem', // 1.32
  'net.ipv4.tcp_wmem', // 1.32
]);

// The kubelet accepts `/` as separator (`net/ipv4/tcp_syncookies`); it then swaps `/` and `.` so that a dot
// inside a component (an interface name such as `eno2.100`) survives.
function normalize(name: string): string {
  const slash = name.indexOf('/');
  const dot = name.indexOf('.');
  if (slash === -1 || (dot !== -1 && dot < slash)) return name;
  return name.replace(/[./]/g, (c) => (c === '/' ? '.' : '/'));
}

function matches(name: string, pattern: string): boolean {
  // Same pattern form as the kubelet's --allowed-unsafe-sysctls: an exact name or a prefix ending in `*`.
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

export default defineRule({
  id: 'workload/unsafe-sysctls',
  meta: {
    title: 'Pod sets an unsafe sysctl',
    description:
      "Kernel parameters set through `spec.securityContext.sysctls` apply to the pod's namespaces, but outside a small safe set they are not isolated from other pods or the node: they can disable security mechanisms, exhaust shared kernel memory or affect every workload on the node. The kubelet refuses such pods unless the node allows the sysctl with `--allowed-unsafe-sysctls`.",
    remediation:
      "Remove the sysctl, or tune it on the nodes instead (node configuration, a tuning DaemonSet run by administrators). If the workload truly needs it, schedule it on dedicated nodes whose kubelet allows exactly that sysctl, and list it in this rule's `allowed` option.",
    severity: 'medium',
    kinds: ['workload'],
    refs: {
      pss: ['baseline/sysctls'],
    },
    presets: ['recommended'],
    options: {
      allowed: {
        type: 'string-list',
        default: [] as string[],
        description:
          'Further sysctls to accept, as exact names or prefixes ending in `*` (the form of the kubelet flag `--allowed-unsafe-sysctls`).',
      },
    },
    messages: {
      unsafe: 'pod sets unsafe sysctl "{{name}}"',
    },
    notes:
      'The safe set is the one of the current Kubernetes release, which Pod Security Standards (baseline) also use: `kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`, `net.ipv4.tcp_syncookies`, `net.ipv4.ping_group_range` (1.18), `net.ipv4.ip_unprivileged_port_start` (1.22), `net.ipv4.ip_local_reserved_ports` (1.27), `net.ipv4.tcp_keepalive_time`, `net.ipv4.tcp_fin_timeout`, `net.ipv4.tcp_keepalive_intvl`, `net.ipv4.tcp_keepalive_probes` (1.29), `net.ipv4.tcp_rmem` and `net.ipv4.tcp_wmem` (1.32). Older clusters reject the newer ones at admission (baseline) or in the kubelet. Names written with `/` separators are normalised as the kubelet does before comparing. kube-linter flags whole prefixes (`net.`, `kernel.shm`…) instead and would report the safe `net.ipv4` ones.',
  },
  check({ workload, options, report }) {
    if (!workload) return;
    const list = asArray(workload.podSecurityContext?.sysctls);
    list.forEach((raw, index) => {
      const name = asObject(raw)?.name;
      if (typeof name !== 'string' || name === '') return;
      const normalized = normalize(name);
      if (SAFE_SYSCTLS.has(normalized)) return;
      if (options.allowed.some((p) => matches(normalized, normalize(p)))) return;
      report({
        messageId: 'unsafe',
        path: joinPointer(workload.podSecurityContextPointer, 'sysctls', index, 'name'),
        data: { name },
      });
    });
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-somaxconn }
spec:
  template:
    spec:
      securityContext:
        sysctls:
          - { name: net.ipv4.tcp_syncookies, value: "1" }
          - { name: net.core.somaxconn, value: "1024" }
      containers:
        - name: app
          image: nginx:1.27`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-safe }
spec:
  securityContext:
    sysctls:
      - { name: net.ipv4.ip_local_port_range, value: "1024 65535" }
      - { name: net.ipv4.tcp_keepalive_time, value: "600" }
      - { name: net/ipv4/ping_group_range, value: "0 2147483647" }
  containers:
    - name: app
      image: nginx:1.27`,
    ],
  },
});
