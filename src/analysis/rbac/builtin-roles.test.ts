import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadText } from '../../load/documents.js';
import { formatObject, formatSubject, identityOf, RbacGraph } from './graph.js';
import type { AccessRequest } from './policy.js';
import { can, formatCanText, formatWhoCanText, whoCan } from './report.js';
import { BUILTIN_CLUSTER_ROLES, BUILTIN_NAMESPACED_ROLES } from './builtin-roles.js';

// Expectations are written from the Kubernetes RBAC documentation ("Default roles and role bindings",
// "User-facing roles") and the bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy), not
// from this code's output: cluster-admin allows everything; admin ⊇ edit ⊇ view by aggregation; view
// reads no Secrets; edit reads and writes Secrets and can exec into pods but cannot touch roles or role
// bindings; admin can; none of them grants cluster-scoped resources through a RoleBinding.

const ROOT = join(import.meta.dirname, '..', '..', '..');
const load = (text: string, file = 'in.yaml') => new RbacGraph(loadText(text, { file }).resources);
const fixture = (path: string) => load(readFileSync(join(ROOT, path), 'utf8'), path);

const res = (verb: string, resource: string, namespace: string | null, apiGroup = ''): AccessRequest => ({
  type: 'resource',
  verb,
  apiGroup,
  resource,
  namespace,
});
const sub = (verb: string, resource: string, subresource: string, namespace: string): AccessRequest => ({
  type: 'resource',
  verb,
  apiGroup: '',
  resource,
  subresource,
  namespace,
});

/** `Subject via Binding from RuleSource` for each grant. */
function who(graph: RbacGraph, request: AccessRequest): string[] {
  return graph
    .whoCan(request)
    .flatMap(({ subject, grants }) =>
      grants.map(
        (g) => `${formatSubject(subject)} via ${formatObject(g.binding)} from ${formatObject(g.rule.source)}`,
      ),
    );
}

const bind = (kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, role: string, user: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: { name: ${name}${kind === 'RoleBinding' ? ', namespace: prod' : ''} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role} }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: ${user} }`;

describe('built-in default ClusterRoles', () => {
  const graph = fixture('test/fixtures/rbac/builtin-roles.yaml');

  it('a ClusterRoleBinding to cluster-admin lets its user delete nodes', () => {
    expect(who(graph, res('delete', 'nodes', null))).toEqual([
      'User alice via ClusterRoleBinding alice-cluster-admin from ClusterRole cluster-admin',
    ]);
    const grant = graph.whoCan(res('delete', 'nodes', null))[0]!.grants[0]!;
    expect(grant.role?.builtIn).toBe(true);
    expect(grant.rule.source.resource.source.file).toBe('builtin:ClusterRole/cluster-admin');
  });

  it('a RoleBinding to admin grants Secrets, pods/exec and pod creation in its namespace only', () => {
    expect(who(graph, res('get', 'secrets', 'prod'))).toEqual([
      'User alice via ClusterRoleBinding alice-cluster-admin from ClusterRole cluster-admin',
      'User bob via RoleBinding prod/bob-admin from ClusterRole system:aggregate-to-edit',
    ]);
    expect(who(graph, sub('create', 'pods', 'exec', 'prod'))).toContain(
      'User bob via RoleBinding prod/bob-admin from ClusterRole system:aggregate-to-edit',
    );
    expect(who(graph, res('create', 'pods', 'prod'))).toContain(
      'User bob via RoleBinding prod/bob-admin from ClusterRole system:aggregate-to-edit',
    );
    // admin's own addition: roles and role bindings.
    expect(who(graph, res('create', 'rolebindings', 'prod', 'rbac.authorization.k8s.io'))).toContain(
      'User bob via RoleBinding prod/bob-admin from ClusterRole system:aggregate-to-admin',
    );
    expect(who(graph, res('get', 'secrets', 'dev')).some((l) => l.startsWith('User bob'))).toBe(false);
    expect(who(graph, res('get', 'nodes', null)).some((l) => l.startsWith('User bob'))).toBe(false);
  });

  it('view, edit and admin differ as the bootstrap policy says', () => {
    const g = load(
      [
        bind('RoleBinding', 'v', 'view', 'viewer'),
        bind('RoleBinding', 'e', 'edit', 'editor'),
        bind('RoleBinding', 'a', 'admin', 'admin-user'),
      ].join('\n---\n'),
    );
    const users = (r: AccessRequest) => g.whoCan(r).map((s) => s.subject.name);
    expect(users(res('list', 'pods', 'prod'))).toEqual(['admin-user', 'editor', 'viewer']);
    expect(users(res('get', 'secrets', 'prod'))).toEqual(['admin-user', 'editor']);
    expect(users(res('update', 'deployments', 'prod', 'apps'))).toEqual(['admin-user', 'editor']);
    expect(users(sub('create', 'pods', 'exec', 'prod'))).toEqual(['admin-user', 'editor']);
    expect(users(res('create', 'roles', 'prod', 'rbac.authorization.k8s.io'))).toEqual(['admin-user']);
    expect(users(res('update', 'resourcequotas', 'prod'))).toEqual([]);
    // Since Kubernetes 1.22 edit no longer writes Endpoints (CVE-2021-25740); everyone may read them.
    expect(users(res('create', 'endpoints', 'prod'))).toEqual([]);
    expect(users(res('get', 'endpoints', 'prod'))).toEqual(['admin-user', 'editor', 'viewer']);
    // No default role has escalate or bind.
    expect(users(res('bind', 'clusterroles', null, 'rbac.authorization.k8s.io'))).toEqual([]);
  });

  it('aggregates an input ClusterRole labelled aggregate-to-view into view, edit and admin', () => {
    const g = load(
      [
        `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: widgets-view
  labels: { rbac.authorization.k8s.io/aggregate-to-view: "true" }
rules:
  - { apiGroups: [example.com], resources: [widgets], verbs: [get] }`,
        bind('RoleBinding', 'v', 'view', 'viewer'),
        bind('RoleBinding', 'a', 'admin', 'admin-user'),
      ].join('\n---\n'),
    );
    expect(who(g, res('get', 'widgets', 'prod', 'example.com'))).toEqual([
      'User admin-user via RoleBinding prod/a from ClusterRole widgets-view',
      'User viewer via RoleBinding prod/v from ClusterRole widgets-view',
    ]);
    expect(g.aggregatedFrom(g.clusterRole('view')!).map((r) => r.name)).toEqual([
      'system:aggregate-to-view',
      'widgets-view',
    ]);
  });

  it('an input role with the same name wins over the built-in one', () => {
    const g = load(
      [
        `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: view }
rules:
  - { apiGroups: [""], resources: [configmaps], verbs: [get] }`,
        bind('ClusterRoleBinding', 'v', 'view', 'viewer'),
      ].join('\n---\n'),
    );
    expect(who(g, res('get', 'pods', null))).toEqual([]);
    expect(who(g, res('get', 'configmaps', null))).toEqual([
      'User viewer via ClusterRoleBinding v from ClusterRole view',
    ]);
    expect(g.clusterRole('view')?.builtIn).toBe(false);
    expect(g.builtinRoles.map((r) => r.name)).not.toContain('view');
    // Built-in roles are not input roles: rules that read graph.roles never see them.
    expect(g.roles.map((r) => r.name)).toEqual(['view']);
  });

  it('answers for examples/batch-and-rbac.yaml, which binds view to system:anonymous', () => {
    const g = fixture('examples/batch-and-rbac.yaml');
    expect(who(g, res('get', 'pods', null))).toEqual([
      'User system:anonymous via ClusterRoleBinding public-read from ClusterRole system:aggregate-to-view',
    ]);
    expect(who(g, res('get', 'secrets', null))).toEqual([]);
  });
});

describe('bindings to a role that is neither in the input nor built in', () => {
  const graph = fixture('test/fixtures/rbac/builtin-roles.yaml');

  it('are listed, and only where they could bear on the question', () => {
    expect(graph.unresolvedBindings().map((b) => formatObject(b))).toEqual(['RoleBinding prod/x']);
    expect(graph.unresolvedFor(res('get', 'secrets', 'prod')).length).toBe(1);
    expect(graph.unresolvedFor(res('get', 'secrets', 'dev')).length).toBe(0);
    expect(graph.unresolvedFor(res('get', 'secrets', 'dev'), true).length).toBe(1);
    // A RoleBinding never grants cluster-scoped resources.
    expect(graph.unresolvedFor(res('delete', 'nodes', null)).length).toBe(0);
    expect(graph.unresolvedForIdentity(identityOf({ kind: 'User', name: 'carol' })).length).toBe(1);
    expect(graph.unresolvedForIdentity(identityOf({ kind: 'User', name: 'bob' })).length).toBe(0);
  });

  it('are noted in the who-can and can answers', () => {
    const note =
      'Note: RoleBinding prod/x refers to ClusterRole foo, which is not in the input; its permissions are unknown [test/fixtures/rbac/builtin-roles.yaml:20]; the answer may be incomplete.';
    const text = formatWhoCanText(whoCan(graph, res('get', 'secrets', 'prod')));
    expect(text.split('\n')).toContain(note);
    expect(text).toContain('→ ClusterRole cluster-admin (Kubernetes default) rule /rules/0');
    const report = can(graph, { kind: 'User', name: 'carol' });
    expect(report.grants).toEqual([]);
    expect(report.unresolved.map((u) => [u.binding.location.line, u.roleRef])).toEqual([
      [20, { kind: 'ClusterRole', name: 'foo' }],
    ]);
    expect(formatCanText(report).split('\n')).toContain(note);
    expect(formatWhoCanText(whoCan(graph, res('delete', 'nodes', null)))).not.toContain('Note:');
  });
});

describe('default roles of the control plane', () => {
  const graph = fixture('test/fixtures/rbac/control-plane.yaml');
  const named = (verb: string, resource: string, namespace: string, name: string): AccessRequest => ({
    type: 'resource',
    verb,
    apiGroup: '',
    resource,
    namespace,
    name,
  });

  it('the default Role extension-apiserver-authentication-reader resolves in kube-system only', () => {
    expect(graph.unresolvedBindings().map((b) => formatObject(b))).toEqual([
      'RoleBinding monitoring/adapter-auth-reader',
    ]);
    // Its one rule names the ConfigMap it reads (resourceNames), so it answers for that ConfigMap.
    const request = named('get', 'configmaps', 'kube-system', 'extension-apiserver-authentication');
    expect(who(graph, request)).toEqual([
      'Group system:nodes via ClusterRoleBinding nodes from ClusterRole system:node',
      'ServiceAccount kube-system/generic-garbage-collector via ClusterRoleBinding system:controller:generic-garbage-collector from ClusterRole system:controller:generic-garbage-collector',
      'ServiceAccount monitoring/prometheus-adapter via RoleBinding kube-system/adapter-auth-reader from Role kube-system/extension-apiserver-authentication-reader',
      'User system:kube-controller-manager via ClusterRoleBinding kube-controller-manager from ClusterRole system:kube-controller-manager',
    ]);
    const grant = graph.whoCan(request)[2]!.grants[0]!;
    expect(grant.role?.builtIn).toBe(true);
    expect(grant.rule.source.resource.source.file).toBe(
      'builtin:Role/kube-system/extension-apiserver-authentication-reader',
    );
    // Another ConfigMap, and the same one in another namespace, are not its to read.
    expect(who(graph, named('get', 'configmaps', 'kube-system', 'other')).join('\n')).not.toContain(
      'prometheus-adapter',
    );
    expect(
      who(graph, named('get', 'configmaps', 'monitoring', 'extension-apiserver-authentication')),
    ).not.toContain(expect.stringContaining('prometheus-adapter'));
  });

  it('system:kube-scheduler binds pods; system:controller:* roles are modelled', () => {
    expect(who(graph, sub('create', 'pods', 'binding', 'prod'))).toEqual([
      'User system:kube-scheduler via ClusterRoleBinding kube-scheduler from ClusterRole system:kube-scheduler',
    ]);
    expect(graph.clusterRole('system:controller:namespace-controller')?.builtIn).toBe(true);
    expect(graph.clusterRole('system:volume-scheduler')?.builtIn).toBe(true);
  });

  it('models every role of the bootstrap policy revision cited, sorted by name', () => {
    const names = BUILTIN_CLUSTER_ROLES.map((r) => r.name);
    // cluster-roles.yaml has 32 roles, controller-roles.yaml 33.
    expect(names.length).toBe(65);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    expect(BUILTIN_NAMESPACED_ROLES.map((r) => `${r.namespace}/${r.name}`)).toEqual([
      'kube-public/system:controller:bootstrap-signer',
      'kube-system/extension-apiserver-authentication-reader',
      'kube-system/system::leader-locking-kube-controller-manager',
      'kube-system/system::leader-locking-kube-scheduler',
      'kube-system/system:controller:bootstrap-signer',
      'kube-system/system:controller:cloud-provider',
      'kube-system/system:controller:token-cleaner',
    ]);
  });
});
