import { defineRule } from '../../engine/rule.js';
import { hostPathRelation, hostPathVolumes, normalizeHostPaths } from '../../model/host-paths.js';

/**
 * The listed socket that a mounted directory exposes, if any. `/var/run` is a symbolic link to `/run` on
 * current distributions, and a link inside a mounted directory resolves against the container's root,
 * not the node's: mounting `/var` does not expose `/var/run/docker.sock`, while mounting `/var/run`
 * does (the kubelet resolves the link on the node).
 */
function containedSocket(path: string, sockets: readonly string[]): string | undefined {
  return normalizeHostPaths(sockets).find(
    (listed) =>
      hostPathRelation(path, listed) === 'contains' &&
      (path === '/var/run' || !listed.startsWith('/var/run/')),
  );
}

export default defineRule({
  id: 'workload/container-runtime-socket',
  meta: {
    title: 'Pod mounts the container runtime socket',
    description:
      "Whoever can talk to the container runtime socket (Docker, containerd, CRI-O, cri-dockerd) can start a privileged container with the node's root filesystem mounted, read every container's environment and files, and so take over the node and every workload on it. Mounting the socket, or a directory that contains it, gives the pod that power.",
    remediation:
      'Remove the volume. For image builds use a rootless builder (BuildKit rootless, Kaniko, Buildah); for monitoring use the kubelet or CRI APIs through a dedicated, audited node agent.',
    severity: 'critical',
    kinds: ['workload'],
    refs: {
      pss: ['baseline/hostPathVolumes'],
      mitre: ['T1611', 'T1610'],
      kubesec: ['DockerSock'],
    },
    presets: ['recommended'],
    options: {
      socketNames: {
        type: 'string-list',
        default: [
          'containerd.sock',
          'cri-dockerd.sock',
          'crio.sock',
          'docker.sock',
          'dockershim.sock',
          'podman.sock',
        ],
        description: 'File names of runtime sockets, reported wherever they are mounted from.',
      },
      socketPaths: {
        type: 'string-list',
        default: [
          '/run/containerd/containerd.sock',
          '/run/crio/crio.sock',
          '/run/cri-dockerd.sock',
          '/run/docker.sock',
          '/run/dockershim.sock',
          '/run/k3s/containerd/containerd.sock',
          '/run/podman/podman.sock',
          '/var/run/containerd/containerd.sock',
          '/var/run/crio/crio.sock',
          '/var/run/cri-dockerd.sock',
          '/var/run/docker.sock',
          '/var/run/dockershim.sock',
        ],
        description:
          'Full socket paths; mounting one of them, or a directory that contains one (such as `/run` or `/run/containerd`), is reported.',
      },
    },
    messages: {
      socket: 'volume "{{volume}}" mounts the container runtime socket "{{path}}"',
      directory:
        'volume "{{volume}}" mounts host path "{{path}}", which contains the container runtime socket "{{listed}}"',
    },
    notes:
      'A host path is reported when its last component is a known socket name, when it equals a listed socket path, or when it is a directory containing one (after normalising slashes, `.` and `..`). Both `/run/…` and `/var/run/…` spellings are listed, because `/var/run` is a link to `/run`; mounting `/var` alone is not reported, since that link then resolves inside the container. `readOnly: true` on the mount is ignored: connecting to a socket does not need write access to the mount. kubesec (DockerSock, -9) searches the printed list of host paths for the text `/var/run/docker.sock`, so it misses `/run/docker.sock`, other runtimes and directory mounts; kube-linter matches `docker.sock$`. Distribution-specific socket directories (for example MicroK8s `/var/snap/microk8s/common/run`) are not in the default list, because listing them would make every mount of `/var` a finding on other nodes; add them to `socketPaths` where they apply (the socket file itself is matched by name anyway). Mounting `/` is reported here as well as by `workload/sensitive-host-path`.',
  },
  check({ workload, options, report }) {
    if (!workload) return;
    const names = new Set(options.socketNames);
    const paths = new Set(normalizeHostPaths(options.socketPaths));
    for (const volume of hostPathVolumes(workload)) {
      const path = volume.normalized;
      if (path === undefined) continue;
      const data = { volume: volume.name, path: volume.path };
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (names.has(name) || paths.has(path)) {
        report({ messageId: 'socket', path: volume.pathPointer, data });
        continue;
      }
      const listed = containedSocket(path, options.socketPaths);
      if (listed !== undefined) {
        report({ messageId: 'directory', path: volume.pathPointer, data: { ...data, listed } });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-docker-sock }
spec:
  template:
    spec:
      containers:
        - name: ci-runner
          image: example.com/runner:1.0
          volumeMounts:
            - { name: docker, mountPath: /var/run/docker.sock }
      volumes:
        - name: docker
          hostPath: { path: /var/run/docker.sock, type: Socket }`,
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fire-containerd-dir }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      containers:
        - name: agent
          image: example.com/agent:1.0
          volumeMounts:
            - { name: run, mountPath: /host/run/containerd, readOnly: true }
      volumes:
        - name: run
          hostPath: { path: /run/containerd }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-other-host-path }
spec:
  containers:
    - name: app
      image: busybox:1.36
  volumes:
    - name: var
      hostPath: { path: /var }
    - name: lib
      hostPath: { path: /var/lib/agent }`,
    ],
  },
});
