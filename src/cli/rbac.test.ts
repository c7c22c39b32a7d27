import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../test/helpers/cli.js';

afterEach(() => vi.restoreAllMocks());

const RBAC = 'test/fixtures/rbac/cluster.yaml';

describe('kubeward rbac who-can', () => {
  it('prints each subject with the binding chain as JSON', async () => {
    const r = await run(
      'rbac',
      'who-can',
      'create',
      'pods',
      '--subresource',
      'exec',
      '-n',
      'tools',
      RBAC,
      '-f',
      'json',
    );
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout)).toEqual({
      request: {
        type: 'resource',
        verb: 'create',
        apiGroup: '',
        resource: 'pods',
        subresource: 'exec',
        namespace: 'tools',
      },
      anyNamespace: false,
      subjects: [
        {
          subject: { kind: 'Group', name: 'system:serviceaccounts:tools' },
          usedBy: [],
          note: 'every service account in namespace tools',
          grants: [
            {
              binding: {
                kind: 'ClusterRoleBinding',
                namespace: null,
                name: 'debuggers',
                location: { file: RBAC, line: 104, column: 5 },
              },
              subjectPath: '/subjects/0',
              subject: { kind: 'Group', name: 'system:serviceaccounts:tools' },
              role: { kind: 'ClusterRole', namespace: null, name: 'every-exec', builtIn: false },
              ruleSource: {
                kind: 'ClusterRole',
                namespace: null,
                name: 'every-exec',
                location: { file: RBAC, line: 77, column: 5 },
              },
              rule: {
                verbs: ['create'],
                apiGroups: [''],
                resources: ['*/exec'],
                resourceNames: [],
                nonResourceURLs: [],
                path: '/rules/0',
              },
              namespace: null,
            },
          ],
        },
      ],
      unresolved: [],
    });
  });

  it('asks in some namespace with -A, and rejects an unknown resource', async () => {
    const r = await run('rbac', 'who-can', 'delete', 'pods', '-A', RBAC);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'Who can delete pods in some namespace:',
      '',
      'User alice',
      `  via RoleBinding dev/alice-pods [${RBAC}:97] → ClusterRole pods-any-verb rule /rules/0: verbs * on pods (core)`,
    ]);
    const bad = await run('rbac', 'who-can', 'get', 'widgets', RBAC);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^kubeward: who-can: unknown resource "widgets": write it with its API group/);
  });
});

describe('kubeward rbac and the default ClusterRoles', () => {
  const BUILTIN = 'test/fixtures/rbac/builtin-roles.yaml';

  it('answers through cluster-admin when only the binding is in the input', async () => {
    const r = await run('rbac', 'who-can', 'delete', 'nodes', BUILTIN);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'Who can delete nodes (cluster-scoped):',
      '',
      'User alice',
      `  via ClusterRoleBinding alice-cluster-admin [${BUILTIN}:7] → ClusterRole cluster-admin (Kubernetes default) rule /rules/0: verbs * on * (*)`,
    ]);
  });

  it('notes a binding whose role is unknown', async () => {
    const r = await run('rbac', 'can', 'User:carol', BUILTIN);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `Note: RoleBinding prod/x refers to ClusterRole foo, which is not in the input; its permissions are unknown [${BUILTIN}:20]; the answer may be incomplete.`,
    );
    const other = await run('rbac', 'can', 'User:carol', BUILTIN, '-n', 'dev');
    expect(other.stdout).not.toContain('Note:');
  });
});

describe('kubeward rbac can', () => {
  it('lists what a service account may do, by scope, with the group it holds a grant through', async () => {
    const r = await run('rbac', 'can', 'system:serviceaccount:prod:deployer', RBAC);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'ServiceAccount prod/deployer (used by Deployment prod/api-deployer) as user system:serviceaccount:prod:deployer in groups system:serviceaccounts, system:serviceaccounts:prod, system:authenticated:',
        '',
        'Cluster-wide and in every namespace:',
        '  verbs list on namespaces (core)',
        `    via ClusterRoleBinding everyone-lists-namespaces [${RBAC}:169] → ClusterRole namespace-lister rule /rules/0 as Group system:authenticated`,
        '',
        'In namespace prod:',
        '  verbs get,update on * (apps)',
        `    via RoleBinding prod/deployer [${RBAC}:112] → ClusterRole everything-in-apps rule /rules/0`,
        '',
      ].join('\n'),
    );
  });
});
