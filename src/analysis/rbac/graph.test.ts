import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadText } from '../../load/documents.js';
import { formatObject, formatSubject, identityOf, RbacGraph, type SubjectRef } from './graph.js';
import { ruleAllows, readRules, type AccessRequest } from './policy.js';
import { can, formatWhoCanText, parseAccessRequest, parseSubject, whoCan } from './report.js';

// Expectations below are written from the Kubernetes RBAC documentation
// (https://kubernetes.io/docs/reference/access-authn-authz/rbac/), not from this code's output.
const FIXTURE = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'rbac', 'cluster.yaml');
const loaded = loadText(readFileSync(FIXTURE, 'utf8'), { file: 'cluster.yaml' });
const graph = new RbacGraph(loaded.resources);

/** `Subject via Binding [→ source role]` for each grant of a who-can answer. */
function who(request: AccessRequest, anyNamespace = false): string[] {
  return graph
    .whoCan(request, anyNamespace)
    .flatMap(({ subject, grants }) =>
      grants.map(
        (g) => `${formatSubject(subject)} via ${formatObject(g.binding)} from ${formatObject(g.rule.source)}`,
      ),
    );
}

const res = (
  verb: string,
  resource: string,
  namespace: string | null,
  more: { apiGroup?: string; subresource?: string; name?: string } = {},
): AccessRequest => ({ type: 'resource', verb, apiGroup: more.apiGroup ?? '', resource, namespace, ...more });

describe('RBAC fixture', () => {
  it('loads without problems', () => {
    expect(loaded.problems).toEqual([]);
  });
});

describe('ClusterRole aggregation', () => {
  it('takes the rules of every ClusterRole a selector matches, transitively, replacing its own', () => {
    const monitoring = graph.clusterRole('monitoring');
    expect(monitoring).toBeDefined();
    const sources = graph.effectiveRules(monitoring!).map((e) => `${e.source.name} ${e.rule.pointer}`);
    expect(sources.sort()).toEqual([
      'monitoring-endpoints /rules/0',
      'monitoring-logs /rules/0',
      'nested-metrics /rules/0',
    ]);
    expect(graph.aggregatedFrom(monitoring!).map((r) => r.name)).toEqual([
      'monitoring-endpoints',
      'monitoring-logs',
      'monitoring-nested',
    ]);
  });

  it('answers through the aggregated rules only', () => {
    expect(who(res('get', 'pods', 'dev', { subresource: 'log' }))).toEqual([
      'Group sre via ClusterRoleBinding sre-monitoring from ClusterRole monitoring-logs',
    ]);
    // The `get secrets` rule written in the aggregated role is overwritten by the controller.
    expect(who(res('get', 'secrets', null))).toEqual([]);
    // A ClusterRole whose labels match no selector (tier: traces) is not aggregated.
    expect(who(res('delete', 'nodes', null))).toEqual([]);
  });
});

describe('rule matching', () => {
  it('treats * as every verb, and a plain resource as not covering its subresources', () => {
    expect(who(res('delete', 'pods', 'dev'))).toEqual([
      'User alice via RoleBinding dev/alice-pods from ClusterRole pods-any-verb',
    ]);
    // Only the ClusterRoleBinding of `*/exec` answers; alice's `pods` rule does not cover pods/exec.
    expect(who(res('create', 'pods', 'dev', { subresource: 'exec' }))).toEqual([
      'Group system:serviceaccounts:tools via ClusterRoleBinding debuggers from ClusterRole every-exec',
    ]);
  });

  it('matches */subresource for that subresource of every resource, and resource * for every subresource', () => {
    expect(who(res('create', 'pods', 'tools', { subresource: 'exec' }))).toEqual([
      'Group system:serviceaccounts:tools via ClusterRoleBinding debuggers from ClusterRole every-exec',
    ]);
    expect(who(res('create', 'pods', 'tools', { subresource: 'attach' }))).toEqual([]);
    expect(who(res('update', 'deployments', 'prod', { apiGroup: 'apps', subresource: 'scale' }))).toEqual([
      'ServiceAccount prod/deployer via RoleBinding prod/deployer from ClusterRole everything-in-apps',
    ]);
    expect(who(res('update', 'deployments', 'prod', { subresource: 'scale' }))).toEqual([]);
  });

  it('lets resourceNames restrict a rule to requests for those names', () => {
    expect(who(res('get', 'secrets', 'prod'))).toEqual([]);
    expect(who(res('get', 'secrets', 'prod', { name: 'tls-cert' }))).toEqual([
      'ServiceAccount prod/ingress via RoleBinding prod/cert-reader from ClusterRole one-secret',
    ]);
    expect(who(res('get', 'secrets', 'prod', { name: 'other' }))).toEqual([]);
  });

  it('matches non-resource URLs exactly or by a trailing * prefix', () => {
    const url = (path: string): AccessRequest => ({ type: 'nonResource', verb: 'get', path });
    expect(who(url('/metrics'))).toEqual([
      'Group sre via ClusterRoleBinding sre-monitoring from ClusterRole nested-metrics',
    ]);
    expect(who(url('/healthz/etcd'))).toHaveLength(1);
    expect(who(url('/healthz'))).toEqual([]);
    expect(who(url('/version'))).toEqual([
      'Group system:unauthenticated via ClusterRoleBinding anonymous-version from ClusterRole version-reader',
    ]);
  });

  it('follows the authorizer on every field', () => {
    const [rule] = readRules([{ apiGroups: ['*'], resources: ['*'], verbs: ['get'] }]);
    expect(
      ruleAllows(rule!, res('get', 'widgets', 'x', { apiGroup: 'example.com', subresource: 'status' })),
    ).toBe(true);
    expect(ruleAllows(rule!, res('list', 'widgets', 'x', { apiGroup: 'example.com' }))).toBe(false);
    expect(ruleAllows(rule!, { type: 'nonResource', verb: 'get', path: '/healthz' })).toBe(false);
  });
});

describe('bindings', () => {
  it('grant a ClusterRole through a RoleBinding in that namespace only', () => {
    expect(who(res('delete', 'pods', 'prod'))).toEqual([]);
    expect(who(res('delete', 'pods', null))).toEqual([]);
    expect(who(res('delete', 'pods', null), true)).toEqual([
      'User alice via RoleBinding dev/alice-pods from ClusterRole pods-any-verb',
    ]);
  });

  it('look a Role up in the binding namespace', () => {
    expect(who(res('update', 'configmaps', 'prod'))).toEqual([]);
    expect(who(res('update', 'configmaps', 'dev'))).toEqual([
      'User bob via RoleBinding dev/bob-configmaps from Role dev/configmap-editor',
    ]);
  });

  it('never grant cluster-scoped resources through a RoleBinding', () => {
    expect(who(res('list', 'nodes', null))).toEqual([]);
    expect(who(res('list', 'nodes', 'dev'))).toEqual([]);
  });
});

describe('subjects and system groups', () => {
  const rulesOf = (subject: SubjectRef): string[] =>
    can(graph, subject).grants.map(
      (g) =>
        `${g.namespace ?? '*'} ${formatObject(g.ruleSource)} ${g.rule.path} as ${formatSubject(g.subject)}`,
    );

  it('puts every authenticated user in system:authenticated', () => {
    expect(rulesOf({ kind: 'User', name: 'dave' })).toEqual([
      '* ClusterRole namespace-lister /rules/0 as Group system:authenticated',
    ]);
  });

  it('puts a service account in system:serviceaccounts, system:serviceaccounts:<ns> and system:authenticated', () => {
    expect(identityOf({ kind: 'ServiceAccount', namespace: 'tools', name: 'x' })).toEqual({
      user: 'system:serviceaccount:tools:x',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:tools', 'system:authenticated'],
    });
    expect(rulesOf({ kind: 'ServiceAccount', namespace: 'tools', name: 'x' })).toEqual([
      '* ClusterRole every-exec /rules/0 as Group system:serviceaccounts:tools',
      '* ClusterRole namespace-lister /rules/0 as Group system:authenticated',
    ]);
    expect(rulesOf({ kind: 'ServiceAccount', namespace: 'dev', name: 'x' })).toEqual([
      '* ClusterRole namespace-lister /rules/0 as Group system:authenticated',
    ]);
  });

  it('gives the anonymous user system:unauthenticated and not system:authenticated', () => {
    expect(rulesOf({ kind: 'User', name: 'system:anonymous' })).toEqual([
      '* ClusterRole version-reader /rules/0 as Group system:unauthenticated',
    ]);
  });

  it('defaults the namespace of a RoleBinding service-account subject to the binding namespace', () => {
    expect(rulesOf({ kind: 'ServiceAccount', namespace: 'prod', name: 'deployer' })).toEqual([
      '* ClusterRole namespace-lister /rules/0 as Group system:authenticated',
      'prod ClusterRole everything-in-apps /rules/0 as ServiceAccount prod/deployer',
    ]);
  });
});

describe('command-line words', () => {
  it('parses resources with groups and subresources, and subjects in every spelling', () => {
    expect(parseAccessRequest('create', 'pods/exec', { namespace: 'x' })).toEqual(
      res('create', 'pods', 'x', { subresource: 'exec' }),
    );
    expect(parseAccessRequest('list', 'deployments.apps')).toEqual(
      res('list', 'deployments', null, { apiGroup: 'apps' }),
    );
    expect(parseAccessRequest('get', 'nodes', { namespace: 'x', subresource: 'proxy' })).toEqual(
      res('get', 'nodes', null, { subresource: 'proxy' }),
    );
    expect(parseAccessRequest('get', 'widgets.example.com')).toEqual(
      res('get', 'widgets', null, { apiGroup: 'example.com' }),
    );
    expect(parseAccessRequest('get', '/metrics')).toEqual({
      type: 'nonResource',
      verb: 'get',
      path: '/metrics',
    });
    expect(() => parseAccessRequest('get', 'widgets')).toThrow(/unknown resource "widgets"/);
    // Impersonating a UID is authorized on `uids` of authentication.k8s.io, at cluster scope, like users
    // and groups (RBAC documentation, "User impersonation").
    expect(parseAccessRequest('impersonate', 'uids', { namespace: 'x' })).toEqual(
      res('impersonate', 'uids', null, { apiGroup: 'authentication.k8s.io' }),
    );
    expect(parseAccessRequest('impersonate', 'users', { namespace: 'x' })).toEqual(
      res('impersonate', 'users', null),
    );
    expect(parseAccessRequest('impersonate', 'serviceaccounts', { namespace: 'x' })).toEqual(
      res('impersonate', 'serviceaccounts', 'x'),
    );
    expect(parseSubject('system:serviceaccount:kube-system:coredns')).toEqual({
      kind: 'ServiceAccount',
      namespace: 'kube-system',
      name: 'coredns',
    });
    expect(parseSubject('ServiceAccount:prod/deployer')).toEqual({
      kind: 'ServiceAccount',
      namespace: 'prod',
      name: 'deployer',
    });
    expect(parseSubject('Group:system:masters')).toEqual({ kind: 'Group', name: 'system:masters' });
    expect(parseSubject('alice')).toEqual({ kind: 'User', name: 'alice' });
    expect(() => parseSubject('ServiceAccount:deployer')).toThrow(/ServiceAccount:NAMESPACE\/NAME/);
  });

  it('prints the binding chain with the file and line of the subject, and the workloads that use a service account', () => {
    const text = formatWhoCanText(
      whoCan(graph, parseAccessRequest('update', 'deployments.apps/scale', { namespace: 'prod' })),
    );
    expect(text).toBe(
      [
        'Who can update deployments.apps/scale in namespace prod:',
        '',
        'ServiceAccount prod/deployer (used by Deployment prod/api-deployer)',
        '  via RoleBinding prod/deployer [cluster.yaml:112] → ClusterRole everything-in-apps rule /rules/0: verbs get,update on * (apps)',
        '',
        // The fixture's prod/bob-configmaps refers to a Role that exists only in dev: it could bear on prod.
        'Note: RoleBinding prod/bob-configmaps refers to Role prod/configmap-editor, which is not in the input; its permissions are unknown [cluster.yaml:132]; the answer may be incomplete.',
        '',
        '1 subject. Members of the group system:masters can do everything without any RBAC grant.',
        '',
      ].join('\n'),
    );
  });
});
