import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';
import { isWindowsPod } from '../../model/pod-os.js';

export default defineRule({
  id: 'workload/user-namespace',
  meta: {
    title: 'Pod does not use a user namespace',
    description:
      "Unless `spec.hostUsers` is false, the pod shares the node's user namespace: UID 0 in a container is UID 0 on the node, and granted capabilities are valid on the node too. With a user namespace, container UIDs map to unprivileged node UIDs, which defuses many container-escape vulnerabilities.",
    remediation:
      'Set `spec.hostUsers: false` on clusters and nodes that support user namespaces (Kubernetes 1.33+ by default, Linux 6.3+, containerd 2.0+ or CRI-O 1.25+, runc 1.2+ or crun 1.9+).',
    severity: 'info',
    kinds: ['workload'],
    refs: {
      kubesec: ['HostUsers'],
    },
    presets: ['strict'],
    options: {},
    messages: {
      unset: 'the pod does not set hostUsers: false, so it shares the node user namespace',
      explicit: 'the pod sets hostUsers: true, so it shares the node user namespace',
    },
    notes:
      'Kubernetes defaults `hostUsers` to true. User namespaces for pods were alpha in 1.25, beta (off by default) in 1.30, beta and on by default from 1.33, and stable in 1.36; on older clusters, or nodes without idmap-mount support, `hostUsers: false` is rejected or the pod fails to start, which is why this is an `info` finding in `strict` only. kubesec (HostUsers, +1) awards its point only for an explicit false, as kubeward does. The API server rejects `hostUsers: false` together with `hostNetwork`, `hostPID` or `hostIPC` (a 1.35 alpha feature relaxes this for `hostNetwork`); such pods are still reported here, and the host-namespace rules name the blocker. Pods with `spec.os.name: windows` are skipped.',
  },
  check({ workload, report }) {
    if (!workload || isWindowsPod(workload)) return;
    const hostUsers = workload.podSpec.hostUsers;
    if (hostUsers === false) return;
    report({
      messageId: hostUsers === true ? 'explicit' : 'unset',
      path: joinPointer(workload.podSpecPointer, 'hostUsers'),
    });
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-unset }
spec:
  containers:
    - name: app
      image: nginx:1.27`,
      `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: fire-explicit }
spec:
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      hostUsers: true
      containers:
        - name: db
          image: postgres:17`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-userns }
spec:
  hostUsers: false
  containers:
    - name: app
      image: nginx:1.27`,
    ],
  },
});
