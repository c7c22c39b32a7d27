import { lowIdRule } from './_low-id.js';

export default lowIdRule({
  id: 'workload/low-user-id',
  field: 'runAsUser',
  idKey: 'uid',
  optionDescriptions: {
    threshold: 'A `runAsUser` at or below this value is reported (kubesec awards its point above 10000).',
    reportUnset: 'Also report containers whose effective `runAsUser` is unset, as kube-score and Trivy do.',
  },
  meta: {
    title: 'Container runs with a low user ID',
    description:
      'A UID at or below the threshold may coincide with a real user of the node (system accounts use low UIDs), so a process that escapes the container would act as that user on the host. A high UID that no node account uses limits the damage. Pod-level `runAsUser` is inherited; init and ephemeral containers count too.',
    remediation:
      'Run the container with a UID above the threshold, for example `runAsUser: 10001`, and build the image so that it works as that user.',
    severity: 'low',
    refs: {
      kubesec: ['RunAsUser'],
    },
    presets: ['strict'],
    messages: {
      low: 'container "{{container}}" runs as UID {{uid}}, at or below {{threshold}}',
      unset: 'container "{{container}}" does not set runAsUser, so the image decides its UID',
    },
    notes:
      'The effective `runAsUser` is used (container over pod). The default threshold follows kubesec, whose RunAsUser check passes only above 10000 (`> 10000`); kube-score and Checkov pass at 10000 itself, Trivy KSV-0020 agrees with kubesec. An unset `runAsUser` is not reported by default: the UID then comes from the image, which kubeward cannot see, and `workload/run-as-non-root` already reports containers that may run as root. kubesec gives no point when it is unset; set `reportUnset: true` to report it. UID 0 is reported here as well as by `workload/run-as-non-root`. Pods with `spec.os.name: windows` are skipped: `runAsUser` does not exist on Windows.',
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-low-uid }
spec:
  template:
    spec:
      securityContext: { runAsUser: 1000 }
      containers:
        - name: app
          image: nginx:1.27`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-high-uid }
spec:
  securityContext: { runAsUser: 10001 }
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
