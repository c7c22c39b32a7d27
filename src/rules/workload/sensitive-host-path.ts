import { defineRule } from '../../engine/rule.js';
import { hostPathVolumes, matchHostPath } from '../../model/host-paths.js';

export default defineRule({
  id: 'workload/sensitive-host-path',
  meta: {
    title: 'Pod mounts a sensitive host path',
    description:
      'Some node directories are a direct path to the node or the cluster: the root filesystem, system binaries and libraries, `/etc` (credentials, static pod manifests, Kubernetes PKI), `/proc` and `/sys` (kernel interfaces such as `core_pattern` and cgroup release agents), `/dev`, home directories, and the kubelet, container runtime and etcd state under `/var/lib`. Mounting one of them, a directory under one, or a parent that contains one, hands the pod that access.',
    remediation:
      'Do not mount these paths. If a node agent needs one file, mount that file alone and read-only, and run the agent in a dedicated, restricted namespace.',
    severity: 'high',
    kinds: ['workload'],
    refs: {
      pss: ['baseline/hostPathVolumes'],
      mitre: ['T1611'],
      kubesec: ['ProcMount'],
    },
    presets: ['recommended'],
    options: {
      paths: {
        type: 'string-list',
        default: [
          '/',
          '/bin',
          '/boot',
          '/dev',
          '/etc',
          '/home',
          '/lib',
          '/lib64',
          '/proc',
          '/root',
          '/sbin',
          '/sys',
          '/usr',
          '/var/lib/containerd',
          '/var/lib/containers',
          '/var/lib/docker',
          '/var/lib/etcd',
          '/var/lib/kubelet',
        ],
        description:
          'Host paths reported when mounted, when a directory under them is mounted, or when a parent of them is mounted.',
      },
    },
    messages: {
      sensitive: 'volume "{{volume}}" mounts host path "{{path}}", a sensitive path',
      under:
        'volume "{{volume}}" mounts host path "{{path}}", which is under the sensitive path "{{listed}}"',
      contains:
        'volume "{{volume}}" mounts host path "{{path}}", which contains the sensitive path "{{listed}}"',
    },
    notes:
      "Paths are compared after normalisation (duplicate and trailing slashes, `.` and `..` segments), component by component, so `/etcd` does not match `/etc`. A parent of a listed path matches too: `/var` exposes `/var/lib/kubelet`. Why these defaults: `/` and the system directories (`/bin`, `/sbin`, `/lib`, `/lib64`, `/usr`, `/boot`) let a writer replace what the node executes; `/etc` holds host credentials and `/etc/kubernetes` (static pods, PKI, kubeconfigs); `/proc` and `/sys` expose kernel knobs used by known escapes; `/dev` gives raw devices; `/root` and `/home` hold SSH keys and kubeconfigs; `/var/lib/kubelet` holds every pod's secrets and the kubelet credentials; `/var/lib/docker`, `/var/lib/containerd` and `/var/lib/containers` hold every container's filesystem; `/var/lib/etcd` is the cluster database. `/var/log` is left out because log collectors read it legitimately; writing to it enables a known escape, which `workload/writable-host-path` reports. Runtime sockets under `/run` are the subject of `workload/container-runtime-socket`. kube-linter (sensitive-host-mounts) uses a similar list with exact matches only. kubesec's ProcMount (-9) reports any host path containing the text `/proc`; kubeward matches `/proc` and what is under or above it.",
  },
  check({ workload, options, report }) {
    if (!workload) return;
    for (const volume of hostPathVolumes(workload)) {
      if (volume.normalized === undefined) continue;
      const match = matchHostPath(volume.normalized, options.paths);
      if (!match) continue;
      report({
        messageId: match.relation === 'equal' ? 'sensitive' : match.relation,
        path: volume.pathPointer,
        data: { volume: volume.name, path: volume.path, listed: match.listed },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-proc }
spec:
  containers:
    - name: app
      image: busybox:1.36
      volumeMounts:
        - { name: proc, mountPath: /host/proc, readOnly: true }
  volumes:
    - name: proc
      hostPath: { path: /proc }`,
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fire-under-and-parent }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      containers:
        - name: agent
          image: example.com/agent:1.0
      volumes:
        - name: pki
          hostPath: { path: /etc/kubernetes/pki }
        - name: var
          hostPath: { path: /var/ }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-narrow-path }
spec:
  containers:
    - name: app
      image: busybox:1.36
      volumeMounts:
        - { name: logs, mountPath: /var/log, readOnly: true }
  volumes:
    - name: logs
      hostPath: { path: /var/log/pods }`,
    ],
  },
});
