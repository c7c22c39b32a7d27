import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './bindings-to-system-anonymous.js';

const binding = (
  roleRef: string,
  subjects: string,
  apiVersion = 'rbac.authorization.k8s.io/v1',
) => `apiVersion: ${apiVersion}
kind: ClusterRoleBinding
metadata: { name: b }
roleRef: ${roleRef}
subjects:
${subjects}`;
const clusterRole = (name: string) =>
  `{ apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "${name}" }`;

describe('rbac/bindings-to-system-anonymous', () => {
  it('points at each matching subject', () => {
    const { findings } = runRule(
      rule,
      binding(
        clusterRole('view'),
        `  - { kind: Group, name: system:authenticated }
  - { kind: User, name: system:anonymous }
  - { kind: Group, name: system:unauthenticated }`,
      ),
    );
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      [
        '/subjects/1',
        'ClusterRoleBinding "b" grants ClusterRole "view" to the anonymous user (system:anonymous)',
      ],
      [
        '/subjects/2',
        'ClusterRoleBinding "b" grants ClusterRole "view" to every unauthenticated request (group system:unauthenticated)',
      ],
    ]);
  });

  it('matches kind and name exactly, as the API server does', () => {
    const subjects = `  - { kind: Group, name: system:anonymous }
  - { kind: User, name: system:unauthenticated }
  - { kind: User, name: System:Anonymous }`;
    expect(runRule(rule, binding(clusterRole('view'), subjects)).findings).toEqual([]);
  });

  it('allows configured ClusterRoles only, and only the RBAC API group', () => {
    const anonymous = '  - { kind: User, name: system:anonymous }';
    expect(runRule(rule, binding(clusterRole('system:public-info-viewer'), anonymous)).findings).toEqual([]);
    expect(
      runRule(
        rule,
        binding(
          '{ apiGroup: rbac.authorization.k8s.io, kind: Role, name: system:public-info-viewer }',
          anonymous,
        ),
      ).findings,
    ).toHaveLength(1);
    expect(
      runRule(rule, binding(clusterRole('view'), anonymous), { allowedRoles: ['view'] }).findings,
    ).toEqual([]);
    expect(runRule(rule, binding(clusterRole('view'), anonymous, 'example.com/v1')).findings).toEqual([]);
  });
});
