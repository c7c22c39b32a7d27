import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import rule from './unresolved-role-ref.js';
import createPods from './create-pods.js';
import podExec from './pod-exec.js';
import secretsRead from './secrets-read.js';
import clusterAdminBinding from './cluster-admin-binding.js';
import wildcardRules from './wildcard-rules.js';

const FIXTURE = readFileSync(
  join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'rbac', 'builtin-roles.yaml'),
  'utf8',
);
const CONTROL_PLANE = readFileSync(
  join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'rbac', 'control-plane.yaml'),
  'utf8',
);
const found = (r: Parameters<typeof runRule>[0], yaml: string, options?: Parameters<typeof runRule>[2]) =>
  runRule(r, yaml, options).findings.map((f) => `${f.location.line} ${f.path} ${f.message}`);

const binding = (kind: string, name: string, roleKind: string, role: string, extra = '') =>
  `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}${kind === 'RoleBinding' ? '\n  namespace: prod' : ''}${extra}
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${role} }
subjects:
  - { kind: User, name: bob }`;

describe('rbac/unresolved-role-ref', () => {
  it('reports a binding whose role is neither in the input nor a default one, at its roleRef', () => {
    expect(found(rule, FIXTURE)).toEqual([
      '20 /roleRef RoleBinding prod/x refers to ClusterRole foo, which is not in the input; its permissions are unknown',
    ]);
  });

  it('names the namespace of a missing Role, reports a ClusterRoleBinding to a Role, and skips resolved ones', () => {
    const yaml = [
      binding('RoleBinding', 'r', 'Role', 'gone'),
      binding('ClusterRoleBinding', 'c', 'Role', 'gone'),
      binding('ClusterRoleBinding', 'edit-ok', 'ClusterRole', 'edit'),
      binding('RoleBinding', 'auth-ok', 'ClusterRole', 'system:auth-delegator'),
    ].join('\n---\n');
    expect(runRule(rule, yaml).findings.map((f) => f.message)).toEqual([
      'RoleBinding prod/r refers to Role prod/gone, which is not in the input; its permissions are unknown',
      'ClusterRoleBinding c refers to Role gone, which a ClusterRoleBinding cannot refer to; its permissions are unknown',
    ]);
  });

  it('leaves out built-in bindings unless includeSystem', () => {
    const yaml = binding(
      'ClusterRoleBinding',
      'system:controller:x',
      'ClusterRole',
      'system:controller:x',
      '\n  labels: { kubernetes.io/bootstrapping: rbac-defaults }',
    );
    expect(found(rule, yaml)).toEqual([]);
    expect(found(rule, yaml, { includeSystem: true }).length).toBe(1);
  });

  it('resolves the default namespaced Roles in their own namespace only, and the control-plane ClusterRoles', () => {
    // kube-system/adapter-auth-reader, kube-scheduler, kube-controller-manager, nodes and the garbage
    // collector's binding resolve; the same Role bound in monitoring does not exist there.
    expect(found(rule, CONTROL_PLANE)).toEqual([
      '13 /roleRef RoleBinding monitoring/adapter-auth-reader refers to Role monitoring/extension-apiserver-authentication-reader, which is not in the input; its permissions are unknown',
    ]);
  });

  it('is not reported once the role is in the input', () => {
    const yaml = `${FIXTURE}\n---\napiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: foo }
rules: []`;
    expect(found(rule, yaml)).toEqual([]);
  });
});

describe('permission rules through default ClusterRoles', () => {
  it('report a RoleBinding of User bob to admin in prod', () => {
    const role =
      '(role ClusterRole admin (Kubernetes default), aggregating ClusterRole system:aggregate-to-edit)';
    expect(found(secretsRead, FIXTURE)).toEqual([
      `14 /subjects/0 RoleBinding prod/bob-admin lets User bob get/list/watch secrets in namespace prod ${role}`,
    ]);
    expect(found(podExec, FIXTURE)).toEqual([
      `14 /subjects/0 RoleBinding prod/bob-admin lets User bob create/get pods/exec, pods/attach in namespace prod ${role}`,
    ]);
    // edit (so admin) creates every pod-bearing kind: system:aggregate-to-edit's write rules.
    expect(found(createPods, FIXTURE)).toEqual([
      `14 /subjects/0 RoleBinding prod/bob-admin lets User bob create pods, deployments, replicasets, statefulsets, daemonsets, jobs, cronjobs, replicationcontrollers in namespace prod ${role}`,
    ]);
    expect(found(clusterAdminBinding, FIXTURE)).toEqual([
      '7 /subjects/0 ClusterRoleBinding alice-cluster-admin makes User alice cluster-admin',
    ]);
  });

  it("leave out the control plane's own bindings to its default roles unless includeSystem", () => {
    // system:kube-controller-manager lists every resource, secrets included; the garbage collector and
    // system:node read secrets too; all are control-plane subjects.
    expect(found(secretsRead, CONTROL_PLANE)).toEqual([]);
    expect(found(createPods, CONTROL_PLANE)).toEqual([]);
    expect(
      found(secretsRead, CONTROL_PLANE, { includeSystem: true }).map((f) => f.split(' lets ')[0]),
    ).toEqual([
      '30 /subjects/0 ClusterRoleBinding kube-controller-manager',
      '37 /subjects/0 ClusterRoleBinding nodes',
      '44 /subjects/0 ClusterRoleBinding system:controller:generic-garbage-collector',
    ]);
  });

  it('do not report the default roles themselves', () => {
    // cluster-admin's wildcards are the bootstrap policy's, not the input's.
    expect(found(wildcardRules, FIXTURE)).toEqual([]);
  });
});
