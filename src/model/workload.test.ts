import { describe, expect, it } from 'vitest';
import { loadText } from '../load/documents.js';
import { workloadOf } from './workload.js';

function view(yaml: string) {
  const resource = loadText(yaml, { file: 't.yaml' }).resources[0];
  if (!resource) throw new Error('no resource');
  return workloadOf(resource);
}

describe('workloadOf', () => {
  it('finds the pod spec of every pod-bearing kind', () => {
    const cases: [string, string, string][] = [
      ['v1', 'Pod', 'spec: {containers: [{name: a}]}'],
      ['v1', 'PodTemplate', 'template: {spec: {containers: [{name: a}]}}'],
      ['v1', 'ReplicationController', 'spec: {template: {spec: {containers: [{name: a}]}}}'],
      ['apps/v1', 'Deployment', 'spec: {template: {spec: {containers: [{name: a}]}}}'],
      ['apps/v1', 'StatefulSet', 'spec: {template: {spec: {containers: [{name: a}]}}}'],
      ['apps/v1', 'DaemonSet', 'spec: {template: {spec: {containers: [{name: a}]}}}'],
      ['apps/v1', 'ReplicaSet', 'spec: {template: {spec: {containers: [{name: a}]}}}'],
      ['batch/v1', 'Job', 'spec: {template: {spec: {containers: [{name: a}]}}}'],
      ['batch/v1', 'CronJob', 'spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: a}]}}}}}'],
      ['argoproj.io/v1alpha1', 'Rollout', 'spec: {template: {spec: {containers: [{name: a}]}}}'],
    ];
    for (const [apiVersion, kind, body] of cases) {
      const v = view(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: x}\n${body}\n`);
      expect(
        v?.containers.map((c) => c.pointer),
        kind,
      ).toEqual([`${v?.podSpecPointer}/containers/0`]);
    }
    expect(view('apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {}\n')).toBeUndefined();
  });

  it('lists init, regular and ephemeral containers, each tagged', () => {
    const v = view(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: i}]
  containers: [{name: c}]
  ephemeralContainers: [{name: e}]
`);
    expect(v?.containers.map((c) => [c.name, c.type, c.pointer])).toEqual([
      ['i', 'initContainer', '/spec/initContainers/0'],
      ['c', 'container', '/spec/containers/0'],
      ['e', 'ephemeralContainer', '/spec/ephemeralContainers/0'],
    ]);
  });

  it('lets container fields override pod fields, inherits the rest, and leaves unset fields unset', () => {
    const v = view(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsUser: 1000, runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
    - name: a
      securityContext: {runAsUser: 0, privileged: false}
    - name: b
`);
    const [a, b] = v?.containers ?? [];
    expect(a?.effective.runAsUser).toEqual({
      value: 0,
      pointer: '/spec/containers/0/securityContext/runAsUser',
      from: 'container',
    });
    expect(a?.effective.runAsNonRoot).toEqual({
      value: true,
      pointer: '/spec/securityContext/runAsNonRoot',
      from: 'pod',
    });
    expect(a?.effective.privileged?.value).toBe(false);
    expect(b?.effective.runAsUser).toEqual({
      value: 1000,
      pointer: '/spec/securityContext/runAsUser',
      from: 'pod',
    });
    expect(b?.effective.privileged).toBeUndefined();
    expect(b?.effective.allowPrivilegeEscalation).toBeUndefined();
  });

  it('merges windowsOptions field by field, as the kubelet does', () => {
    const v = view(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}}
  containers:
    - name: a
      securityContext: {windowsOptions: {runAsUserName: app}}
`);
    expect(v?.containers[0]?.effective.windowsOptions?.value).toEqual({
      hostProcess: true,
      runAsUserName: 'app',
    });
  });
});
