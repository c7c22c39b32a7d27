import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import clusterAdminBinding from './cluster-admin-binding.js';
import dashboardPrivileged from './dashboard-privileged.js';
import defaultServiceAccount from './default-service-account.js';
import nodesProxy from './nodes-proxy.js';
import secretsRead from './secrets-read.js';
import createPods from './create-pods.js';
import escalateBindImpersonate from './escalate-bind-impersonate.js';
import wildcardRules from './wildcard-rules.js';
import systemAuthenticated from './bindings-to-system-authenticated.js';

const clusterRole = (name: string, rules: string, labels = '') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ${name}${labels ? `\n  labels: ${labels}` : ''}
rules:
${rules}`;

const binding = (
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  roleRef: string,
  subjects: string,
  extra = '',
) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}${kind === 'RoleBinding' ? '\n  namespace: apps' : ''}${extra}
roleRef: ${roleRef}
subjects:
${subjects}`;

const cr = (name: string) => `{ apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${name} }`;
const docs = (...d: string[]) => d.join('\n---\n');
const messages = (
  rule: Parameters<typeof runRule>[0],
  yaml: string,
  options?: Parameters<typeof runRule>[2],
) => runRule(rule, yaml, options).findings.map((f) => `${f.path} ${f.message}`);

const SECRET_READER = clusterRole(
  'secret-reader',
  '  - { apiGroups: [""], resources: [secrets], verbs: [list] }',
);

describe('permission rules', () => {
  it('leave out built-in bindings and control-plane subjects unless includeSystem, but never the broad groups', () => {
    const yaml = docs(
      SECRET_READER,
      binding(
        'ClusterRoleBinding',
        'readers',
        cr('secret-reader'),
        `  - { kind: ServiceAccount, name: controller, namespace: kube-system }
  - { kind: User, name: system:kube-controller-manager }
  - { kind: Group, name: system:authenticated }
  - { kind: User, name: eks:addon-manager }`,
      ),
      binding(
        'ClusterRoleBinding',
        'builtin',
        cr('secret-reader'),
        '  - { kind: User, name: mallory }',
        '\n  labels: { kubernetes.io/bootstrapping: rbac-defaults }',
      ),
    );
    expect(messages(secretsRead, yaml)).toEqual([
      '/subjects/2 ClusterRoleBinding readers lets Group system:authenticated list secrets in every namespace (role ClusterRole secret-reader)',
    ]);
    expect(runRule(secretsRead, yaml, { includeSystem: true }).findings.map((f) => f.path)).toEqual([
      '/subjects/0',
      '/subjects/1',
      '/subjects/2',
      '/subjects/3',
      '/subjects/0',
    ]);
  });

  it('leave cluster-admin bindings to rbac/cluster-admin-binding', () => {
    const yaml = docs(
      clusterRole('cluster-admin', '  - { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }'),
      binding('ClusterRoleBinding', 'ops', cr('cluster-admin'), '  - { kind: User, name: ops }'),
    );
    expect(messages(secretsRead, yaml)).toEqual([]);
    expect(messages(clusterAdminBinding, yaml)).toEqual([
      '/subjects/0 ClusterRoleBinding ops makes User ops cluster-admin',
    ]);
  });

  it('see rules a ClusterRole aggregates, and say where they come from', () => {
    const yaml = docs(
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: ops }
aggregationRule:
  clusterRoleSelectors: [{ matchLabels: { aggregate-to-ops: "true" } }]`,
      clusterRole(
        'ops-secrets',
        '  - { apiGroups: [""], resources: [secrets], verbs: [get] }',
        '{ aggregate-to-ops: "true" }',
      ),
      binding('RoleBinding', 'ops', cr('ops'), '  - { kind: Group, name: ops-team }'),
    );
    expect(messages(secretsRead, yaml)).toEqual([
      '/subjects/0 RoleBinding apps/ops lets Group ops-team get secrets in namespace apps (role ClusterRole ops, aggregating ClusterRole ops-secrets)',
    ]);
  });

  it('do not count a RoleBinding for cluster-scoped resources such as nodes/proxy', () => {
    const role = clusterRole('proxy', '  - { apiGroups: [""], resources: [nodes/proxy], verbs: [get] }');
    const subject = '  - { kind: User, name: u }';
    expect(messages(nodesProxy, docs(role, binding('RoleBinding', 'b', cr('proxy'), subject)))).toEqual([]);
    expect(
      messages(nodesProxy, docs(role, binding('ClusterRoleBinding', 'b', cr('proxy'), subject))),
    ).toHaveLength(1);
  });

  it('count impersonation of users, groups and UIDs only through ClusterRoleBindings, of service accounts through either', () => {
    const role = clusterRole(
      'impersonator',
      `  - { apiGroups: [""], resources: [users, groups], verbs: [impersonate] }
  - { apiGroups: [authentication.k8s.io], resources: [uids], verbs: [impersonate] }`,
    );
    const saRole = clusterRole(
      'sa-impersonator',
      '  - { apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate] }',
    );
    const subject = '  - { kind: User, name: u }';
    expect(
      messages(escalateBindImpersonate, docs(role, binding('RoleBinding', 'b', cr('impersonator'), subject))),
    ).toEqual([]);
    expect(
      messages(
        escalateBindImpersonate,
        docs(role, binding('ClusterRoleBinding', 'b', cr('impersonator'), subject)),
      ),
    ).toEqual([
      '/subjects/0 ClusterRoleBinding b lets User u impersonate users, groups, uids cluster-wide (role ClusterRole impersonator)',
    ]);
    expect(
      messages(
        escalateBindImpersonate,
        docs(saRole, binding('RoleBinding', 'b', cr('sa-impersonator'), subject)),
      ),
    ).toEqual([
      '/subjects/0 RoleBinding apps/b lets User u impersonate serviceaccounts in namespace apps (role ClusterRole sa-impersonator)',
    ]);
  });

  it('name at most five workloads per service account', () => {
    const pods = Array.from(
      { length: 7 },
      (_, i) => `apiVersion: v1
kind: Pod
metadata: { name: p${i}, namespace: apps }
spec: { serviceAccountName: runner, containers: [{ name: c, image: "c:1" }] }`,
    );
    const yaml = docs(
      SECRET_READER,
      binding('RoleBinding', 'r', cr('secret-reader'), '  - { kind: ServiceAccount, name: runner }'),
      ...pods,
    );
    expect(messages(secretsRead, yaml)).toEqual([
      '/subjects/0 RoleBinding apps/r lets ServiceAccount apps/runner (used by Pod apps/p0, Pod apps/p1, Pod apps/p2, Pod apps/p3, Pod apps/p4 and 2 more) list secrets in namespace apps (role ClusterRole secret-reader)',
    ]);
  });

  it('report resourceNames-limited grants only where the rule is about any object', () => {
    const role = clusterRole(
      'named',
      '  - { apiGroups: [""], resources: [pods], resourceNames: [one], verbs: [create] }\n  - { apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], resourceNames: [view], verbs: [bind] }',
    );
    const yaml = docs(role, binding('ClusterRoleBinding', 'b', cr('named'), '  - { kind: User, name: u }'));
    expect(messages(createPods, yaml)).toEqual([]);
    expect(messages(escalateBindImpersonate, yaml)).toEqual([]);
  });
});

describe('rbac/cluster-admin-binding', () => {
  const yaml = docs(
    binding(
      'ClusterRoleBinding',
      'admins',
      cr('cluster-admin'),
      `  - { kind: Group, name: system:masters }
  - { kind: ServiceAccount, name: addon, namespace: kube-system }
  - { kind: Group, name: system:authenticated }
  - { kind: User, name: breakglass }`,
    ),
  );
  it('reports every subject but control-plane ones, the broad groups included', () => {
    expect(messages(clusterAdminBinding, yaml)).toEqual([
      '/subjects/2 ClusterRoleBinding admins makes Group system:authenticated cluster-admin',
      '/subjects/3 ClusterRoleBinding admins makes User breakglass cluster-admin',
    ]);
  });
  it('allows configured subjects', () => {
    expect(
      messages(clusterAdminBinding, yaml, {
        allowedSubjects: ['User:breakglass', 'Group:system:authenticated'],
      }),
    ).toEqual([]);
  });
});

describe('rbac/wildcard-rules', () => {
  it('reports each wildcard field, non-resource URLs included, and skips built-in roles unless asked', () => {
    const yaml = docs(
      clusterRole('urls', '  - { nonResourceURLs: ["*"], verbs: [get] }'),
      clusterRole(
        'builtin',
        '  - { apiGroups: ["*"], resources: [pods], verbs: [get] }',
        '{ kubernetes.io/bootstrapping: rbac-defaults }',
      ),
    );
    expect(messages(wildcardRules, yaml)).toEqual([
      '/rules/0/nonResourceURLs ClusterRole urls rule 0 uses * in nonResourceURLs',
    ]);
    expect(messages(wildcardRules, yaml, { includeSystem: true })).toHaveLength(2);
  });
});

describe('rbac/default-service-account', () => {
  it('leaves the system namespaces out unless includeSystem', () => {
    const yaml = `apiVersion: v1
kind: ServiceAccount
metadata: { name: default, namespace: kube-system }`;
    expect(messages(defaultServiceAccount, yaml)).toEqual([]);
    expect(messages(defaultServiceAccount, yaml, { includeSystem: true })).toEqual([
      '/automountServiceAccountToken ServiceAccount kube-system/default does not set automountServiceAccountToken: false, so every pod using it gets an API token',
    ]);
  });
});

describe('rbac/dashboard-privileged', () => {
  const sa = '  - { kind: ServiceAccount, name: kubernetes-dashboard, namespace: kubernetes-dashboard }';
  it('says why a role is powerful', () => {
    expect(
      messages(
        dashboardPrivileged,
        docs(
          clusterRole('dash', '  - { apiGroups: ["*"], resources: ["*"], verbs: [get, list] }'),
          binding('ClusterRoleBinding', 'dash', cr('dash'), sa),
        ),
      ),
    ).toEqual([
      '/subjects/0 ClusterRoleBinding dash gives the Kubernetes Dashboard (ServiceAccount kubernetes-dashboard/kubernetes-dashboard) ClusterRole dash, which uses * in ClusterRole dash /rules/0',
    ]);
    expect(
      messages(
        dashboardPrivileged,
        docs(SECRET_READER, binding('ClusterRoleBinding', 'dash', cr('secret-reader'), sa)),
      ),
    ).toEqual([
      '/subjects/0 ClusterRoleBinding dash gives the Kubernetes Dashboard (ServiceAccount kubernetes-dashboard/kubernetes-dashboard) ClusterRole secret-reader, which allows list secrets',
    ]);
  });
});

describe('rbac/bindings-to-system-authenticated', () => {
  it('names a RoleBinding with its namespace and allows the configured roles', () => {
    const rb = binding('RoleBinding', 'all', cr('edit'), '  - { kind: Group, name: system:authenticated }');
    expect(messages(systemAuthenticated, rb)).toEqual([
      '/subjects/0 RoleBinding "apps/all" grants ClusterRole "edit" to every authenticated user (group system:authenticated)',
    ]);
    expect(messages(systemAuthenticated, rb, { allowedRoles: ['edit'] })).toEqual([]);
  });
});
