import { unconfinedProfileRule } from './_unconfined-profile.js';

export default unconfinedProfileRule({
  id: 'workload/seccomp-unconfined',
  field: 'seccompProfile',
  meta: {
    title: 'Seccomp profile is Unconfined',
    description:
      'A seccomp profile of type `Unconfined` turns system-call filtering off, even on nodes whose kubelet would otherwise apply `RuntimeDefault` (`--seccomp-default`). The container can then use every system call of the node kernel, which is what most container escapes rely on. Pod-level and container-level profiles are both checked; init and ephemeral containers count too.',
    remediation:
      'Use `seccompProfile.type: RuntimeDefault`, or `Localhost` with a profile that allows only the extra system calls the workload needs, instead of `Unconfined`.',
    severity: 'high',
    refs: {
      cis: ['5.6.2'],
      pss: ['baseline/seccompProfile', 'restricted/seccompProfile'],
      nsa: ['pod-security/hardening-container-environments'],
      mitre: ['T1611'],
      kubesec: ['SeccompUnconfined'],
    },
    presets: ['recommended', 'cis', 'nsa'],
    messages: {
      pod: 'pod securityContext sets seccompProfile type Unconfined',
      container: 'container "{{container}}" sets seccompProfile type Unconfined',
    },
    notes:
      "As in Pod Security Admission (baseline), the pod-level profile and each container's own profile are judged separately: a pod-level `Unconfined` is reported once, even when every container overrides it, and each container that sets `Unconfined` itself is reported. The legacy `seccomp.security.alpha.kubernetes.io` annotations are not read: they have had no effect since Kubernetes 1.27. kubesec gives SeccompUnconfined only −1 point; kubeward rates an explicit `Unconfined` high because it also defeats a node-wide `--seccomp-default`.",
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-pod-unconfined }
spec:
  template:
    spec:
      securityContext:
        seccompProfile: { type: Unconfined }
      containers:
        - name: app
          image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: fire-container-unconfined }
spec:
  securityContext:
    seccompProfile: { type: RuntimeDefault }
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        seccompProfile: { type: Unconfined }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-runtime-default }
spec:
  securityContext:
    seccompProfile: { type: RuntimeDefault }
  containers:
    - name: app
      image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-unset }
spec:
  containers:
    - name: app
      image: nginx:1.27`,
    ],
  },
});
