import { permissionRule } from './_rbac.js';

export default permissionRule({
  id: 'rbac/csr-approval',
  meta: {
    title: 'Subject can approve or sign certificate requests',
    description:
      'A binding lets a subject write the `approval` or `status` subresource of CertificateSigningRequests, or `approve` or `sign` for signers. Approving a request for the `kubernetes.io/kube-apiserver-client` signer issues a client certificate for any user and group the requester chose, `system:masters` included; writing the status issues the certificate itself.',
    remediation:
      'Leave CSR approval to the controllers that need it and restrict `approve` on `signers` with `resourceNames` to the signers they handle.',
    severity: 'high',
    refs: { cis: ['5.1.11'], mitre: ['T1098'] },
    presets: ['recommended', 'cis'],
    notes:
      'Approving takes both `update` on `certificatesigningrequests/approval` and `approve` on the signer; each half is reported because either one in the wrong hands shortens the path. Built-in bindings and control-plane subjects are left out unless `includeSystem` is set.',
  },
  checks: [
    {
      verb: 'update',
      apiGroup: 'certificates.k8s.io',
      resource: 'certificatesigningrequests',
      subresource: 'approval',
    },
    {
      verb: 'patch',
      apiGroup: 'certificates.k8s.io',
      resource: 'certificatesigningrequests',
      subresource: 'approval',
    },
    {
      verb: 'update',
      apiGroup: 'certificates.k8s.io',
      resource: 'certificatesigningrequests',
      subresource: 'status',
    },
    {
      verb: 'patch',
      apiGroup: 'certificates.k8s.io',
      resource: 'certificatesigningrequests',
      subresource: 'status',
    },
    { verb: 'approve', apiGroup: 'certificates.k8s.io', resource: 'signers' },
    { verb: 'sign', apiGroup: 'certificates.k8s.io', resource: 'signers' },
  ],
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: csr-approver }
rules:
  - { apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update] }
  - { apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: fire-csr-approver }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: csr-approver }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: bob }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: csr-requester }
rules:
  - { apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create, get] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: dont-fire-csr-requester }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: csr-requester }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: bob }`,
    ],
  },
});
