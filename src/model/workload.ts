import { asArray, asObject, isObject, joinPointer } from './json.js';
import type { JsonObject, JsonValue, Resource } from './types.js';

/** Kinds whose objects carry a pod spec, and the JSON pointer of that pod spec. */
const POD_SPEC_POINTERS: Readonly<Record<string, string>> = {
  Pod: '/spec',
  PodTemplate: '/template/spec',
  Deployment: '/spec/template/spec',
  StatefulSet: '/spec/template/spec',
  DaemonSet: '/spec/template/spec',
  ReplicaSet: '/spec/template/spec',
  ReplicationController: '/spec/template/spec',
  Job: '/spec/template/spec',
  CronJob: '/spec/jobTemplate/spec/template/spec',
  // Argo Rollouts embeds a full pod template like a Deployment.
  Rollout: '/spec/template/spec',
  // OpenShift DeploymentConfig.
  DeploymentConfig: '/spec/template/spec',
};

/** API groups accepted for each pod-bearing kind; other groups with the same kind name are not workloads. */
const KIND_GROUPS: Readonly<Record<string, readonly string[]>> = {
  Pod: [''],
  PodTemplate: [''],
  ReplicationController: [''],
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  Job: ['batch'],
  CronJob: ['batch'],
  Rollout: ['argoproj.io'],
  DeploymentConfig: ['apps.openshift.io', ''],
};

/** Kinds that carry a pod template, as the model knows them. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_SPEC_POINTERS);

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → ``). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** Which list a container was declared in. */
export type ContainerType = 'container' | 'initContainer' | 'ephemeralContainer';

const CONTAINER_LISTS: readonly [ContainerType, string][] = [
  ['initContainer', 'initContainers'],
  ['container', 'containers'],
  ['ephemeralContainer', 'ephemeralContainers'],
];

/** A value together with the JSON pointer it was read from. */
export interface Located<T> {
  value: T;
  pointer: string;
  /** Whether the value came from the container's own securityContext or was inherited from the pod's. */
  from: 'container' | 'pod';
}

/** Security-context fields that a container inherits from the pod when it does not set them. */
const INHERITED_FIELDS = [
  'runAsUser',
  'runAsGroup',
  'runAsNonRoot',
  'seLinuxOptions',
  'seccompProfile',
  'appArmorProfile',
  'windowsOptions',
] as const;

/** Fields that exist only on a container's securityContext. */
const CONTAINER_ONLY_FIELDS = [
  'privileged',
  'allowPrivilegeEscalation',
  'capabilities',
  'readOnlyRootFilesystem',
  'procMount',
] as const;

/** A securityContext field name the model resolves. */
export type SecurityField = (typeof INHERITED_FIELDS)[number] | (typeof CONTAINER_ONLY_FIELDS)[number];

/**
 * The effective securityContext of one container: container fields override pod fields; a field set in
 * neither place is absent (never guessed).
 */
export type EffectiveSecurityContext = Partial<Record<SecurityField, Located<JsonValue>>>;

/** One container of a workload, with everything a rule needs to judge it. */
export interface ContainerView {
  name: string;
  type: ContainerType;
  /** Index within its list. */
  index: number;
  /** JSON pointer of the container object. */
  pointer: string;
  spec: JsonObject;
  /** JSON pointer of the container's securityContext (which may not exist). */
  securityContextPointer: string;
  effective: EffectiveSecurityContext;
}

/** A workload's pod template as seen by rules. */
export interface WorkloadView {
  /** JSON pointer of the pod spec. */
  podSpecPointer: string;
  podSpec: JsonObject;
  /** JSON pointer of the pod template's metadata (the object's own metadata for a Pod). */
  podMetadataPointer: string;
  podMetadata: JsonObject | undefined;
  /** JSON pointer of the pod-level securityContext (which may not exist). */
  podSecurityContextPointer: string;
  podSecurityContext: JsonObject | undefined;
  /** All containers: init first, then regular, then ephemeral. */
  containers: ContainerView[];
  /** Pod volumes with their pointers. */
  volumes: { name: string; pointer: string; spec: JsonObject }[];
}

/** True when the resource is a kind the model knows to carry a pod template. */
export function isWorkload(resource: Pick<Resource, 'kind' | 'apiVersion'>): boolean {
  const groups = KIND_GROUPS[resource.kind];
  return groups !== undefined && groups.includes(apiGroup(resource.apiVersion));
}

function getAt(root: JsonObject, pointer: string): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (const token of pointer.split('/').slice(1)) {
    if (!isObject(node)) return undefined;
    node = node[token];
  }
  return node;
}

const cache = new WeakMap<JsonObject, WorkloadView | null>();

/**
 * The pod template of a workload object, or undefined when the resource carries none. This is the only
 * function in kubeward that knows where each kind keeps its pod spec.
 */
export function workloadOf(resource: Resource): WorkloadView | undefined {
  const hit = cache.get(resource.object);
  if (hit !== undefined) return hit ?? undefined;
  const view = isWorkload(resource) ? buildView(resource) : undefined;
  cache.set(resource.object, view ?? null);
  return view;
}

function buildView(resource: Resource): WorkloadView | undefined {
  const podSpecPointer = POD_SPEC_POINTERS[resource.kind];
  if (podSpecPointer === undefined) return undefined;
  const podSpec = asObject(getAt(resource.object, podSpecPointer));
  if (!podSpec) return undefined;
  const podMetadataPointer = podSpecPointer.replace(/\/spec$/, '/metadata') || '/metadata';
  const metadataPointer = resource.kind === 'Pod' ? '/metadata' : podMetadataPointer;
  const podSecurityContextPointer = joinPointer(podSpecPointer, 'securityContext');
  const podSecurityContext = asObject(podSpec.securityContext);
  const containers: ContainerView[] = [];
  for (const [type, list] of CONTAINER_LISTS) {
    asArray(podSpec[list]).forEach((raw, index) => {
      const spec = asObject(raw);
      if (!spec) return;
      const pointer = joinPointer(podSpecPointer, list, index);
      const securityContextPointer = joinPointer(pointer, 'securityContext');
      const own = asObject(spec.securityContext);
      const effective: EffectiveSecurityContext = {};
      for (const field of INHERITED_FIELDS) {
        const podValue = podSecurityContext?.[field];
        const ownValue = own?.[field];
        if (field === 'windowsOptions' && isObject(ownValue) && isObject(podValue)) {
          // The kubelet merges windowsOptions field by field (a container setting only runAsUserName keeps
          // the pod's hostProcess), unlike the other inherited fields, which are replaced whole.
          effective[field] = {
            value: { ...podValue, ...ownValue },
            pointer: joinPointer(securityContextPointer, field),
            from: 'container',
          };
        } else if (own?.[field] !== undefined && own[field] !== null) {
          effective[field] = {
            value: own[field],
            pointer: joinPointer(securityContextPointer, field),
            from: 'container',
          };
        } else if (podSecurityContext?.[field] !== undefined && podSecurityContext[field] !== null) {
          effective[field] = {
            value: podSecurityContext[field],
            pointer: joinPointer(podSecurityContextPointer, field),
            from: 'pod',
          };
        }
      }
      for (const field of CONTAINER_ONLY_FIELDS) {
        if (own?.[field] !== undefined && own[field] !== null) {
          effective[field] = {
            value: own[field],
            pointer: joinPointer(securityContextPointer, field),
            from: 'container',
          };
        }
      }
      containers.push({
        name: typeof spec.name === 'string' ? spec.name : `#${index}`,
        type,
        index,
        pointer,
        spec,
        securityContextPointer,
        effective,
      });
    });
  }
  const volumes = asArray(podSpec.volumes).flatMap((raw, index) => {
    const spec = asObject(raw);
    return spec
      ? [
          {
            name: typeof spec.name === 'string' ? spec.name : `#${index}`,
            pointer: joinPointer(podSpecPointer, 'volumes', index),
            spec,
          },
        ]
      : [];
  });
  return {
    podSpecPointer,
    podSpec,
    podMetadataPointer: metadataPointer,
    podMetadata: asObject(getAt(resource.object, metadataPointer)),
    podSecurityContextPointer,
    podSecurityContext,
    containers,
    volumes,
  };
}
