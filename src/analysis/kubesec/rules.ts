/*
 * kubesec v2 checks as data, for the `--format kubesec` compatibility mode.
 *
 * Facts read from github.com/controlplaneio/kubesec (Apache-2.0); only the output-format strings (ids,
 * selectors, reasons) and numbers are taken over, the code below is our own:
 * - rule list, selectors, reasons, points, advise, kinds: pkg/ruler/ruleset.go at
 *   d3f6a0d2b03fe8df07b531a82f4732e68e1f5a35 (the 30-rule set, BindingsToSystemAnonymous last).
 * - kind gate and error path: pkg/ruler/rule.go at 0cab53b9b930b7d2ddf28209eb825439785c38a6.
 * - pod spec path per kind: pkg/rules/selector.go at 7b2e84d0aa59c502e97db56fb4c4c42e7abd4cce.
 * - pod/container securityContext walk: pkg/rules/helper.go at 3df3056b35b03d3ce5b92518db9d7d307d05c47b.
 * - predicates: pkg/rules/*.go, newest variant of each in the stored history (gojsonq/v2, helper-based):
 *   secretsAsEnvironmentVariables.go at 7b2e84d0…, hostUsers.go at 02ef5d6b…,
 *   bindingsToSystemAnonymous.go at 3541dcd9…, volumeClaimRequestsStorage.go at 6064c1d3…,
 *   capSysAdmin/privileged/readOnlyRootFilesystem/runAsGroup.go at 5cfacb8b…, limitsCPU.go at 29e1d5e2….
 * - query semantics the predicates rely on (From/Get/Count/Only, path walk): thedevsaddam/gojsonq v2
 *   jsonq.go and helper.go (getNestedValue, makeAlias).
 */
import type { JsonValue } from '../../model/types.js';

/** The 30 kubesec v2 rule ids, in kubesec's own declaration order. */
export const KUBESEC_RULE_IDS = [
  'HostNetwork',
  'HostPID',
  'HostIPC',
  'ReadOnlyRootFilesystem',
  'RunAsNonRoot',
  'RunAsUser',
  'RunAsGroup',
  'Privileged',
  'CapSysAdmin',
  'CapDropAny',
  'CapDropAll',
  'DockerSock',
  'ProcMount',
  'RequestsCPU',
  'LimitsCPU',
  'RequestsMemory',
  'LimitsMemory',
  'ServiceAccountName',
  'HostAliases',
  'SeccompAny',
  'SeccompUnconfined',
  'ApparmorAny',
  'ApparmorUnconfined',
  'VolumeClaimAccessModeReadWriteOnce',
  'VolumeClaimRequestsStorage',
  'AllowPrivilegeEscalation',
  'AutomountServiceAccountToken',
  'HostUsers',
  'SecretsAsEnvironmentVariables',
  'BindingsToSystemAnonymous',
] as const;

/** A kubesec v2 rule id. */
export type KubesecRuleId = (typeof KUBESEC_RULE_IDS)[number];

/** One kubesec check: its published fields plus the predicate kubesec evaluates. */
export interface KubesecRule {
  id: KubesecRuleId;
  /** kubesec's display selector (a jq-like hint, not evaluated). */
  selector: string;
  reason: string;
  /** Added to the score when the predicate matches; negative points mark a critical finding. */
  points: number;
  /** Printed by `kubesec print-rules` only; kubesec never uses it for scoring. */
  advise: number;
  /** Kinds the rule runs on; for any other kind kubesec skips the rule entirely. */
  kinds: readonly string[];
  /**
   * kubesec's match count for a decoded document (only `count > 0` matters for scoring). Called only
   * for a document whose `kind` is in {@link KubesecRule.kinds}.
   */
  count(document: JsonValue): number;
}

// ---------------------------------------------------------------------------------------------------
// Path walking with kubesec's (gojsonq's) semantics. Paths are dot-separated; `[n]` segments index
// arrays. These quirks are kept on purpose because they decide kubesec's verdicts:
// - a key lookup succeeds only on an object that has the key (a key holding null is "found");
// - an index segment applied to a non-array is ignored (the walk stays where it is);
// - Count() is the length of an array or the number of keys of an object, else 0.
// ---------------------------------------------------------------------------------------------------

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** Result of a walk: `found` false when a segment did not resolve. */
type Walk = { found: true; value: JsonValue } | { found: false };

function walk(root: JsonValue | undefined, path: string): Walk {
  if (root === undefined) return { found: false };
  let current: JsonValue = root;
  for (const segment of path.split('.')) {
    if (segment.startsWith('[') && segment.endsWith(']')) {
      if (!Array.isArray(current)) continue;
      const index = Number(segment.slice(1, -1));
      if (!Number.isInteger(index) || index < 0 || index >= current.length) return { found: false };
      current = current[index] as JsonValue;
      continue;
    }
    if (
      current === null ||
      typeof current !== 'object' ||
      Array.isArray(current) ||
      !hasOwn(current, segment)
    ) {
      return { found: false };
    }
    current = current[segment] as JsonValue;
  }
  return { found: true, value: current };
}

/**
 * A field of a decoded document read the way kubesec reads it (gojsonq `From(path).Get()`): `path` is
 * dot-separated with `[n]` for array indexes; the result is undefined when the path does not resolve.
 */
export function getPath(root: JsonValue | undefined, path: string): JsonValue | undefined {
  const result = walk(root, path);
  return result.found ? result.value : undefined;
}

/** gojsonq `From(path).Count()`. */
function count(root: JsonValue, path: string): number {
  const value = getPath(root, path);
  if (Array.isArray(value)) return value.length;
  if (value !== null && typeof value === 'object') return Object.keys(value).length;
  return 0;
}

/**
 * gojsonq `From(listPath).Only(property)`: for each element of the list where `property` resolves, a
 * one-key object named after the property's last segment.
 */
function only(root: JsonValue, listPath: string, property: string): JsonValue[] {
  const list = getPath(root, listPath);
  if (!Array.isArray(list)) return [];
  const alias = property.split('.').pop() ?? property;
  const result: JsonValue[] = [];
  for (const element of list) {
    const found = walk(element, property);
    if (found.found) result.push({ [alias]: found.value });
  }
  return result;
}

/**
 * Go's `fmt.Sprintf("%v", x)` for a decoded JSON value. kubesec decides several rules by substring
 * search in this text (e.g. "/proc" anywhere in the hostPath list), so the text must match Go's.
 */
export function goFormat(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return goFloat(value);
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  // Go prints map keys sorted (byte order, which equals code-unit order for the BMP).
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${keys.map((k) => `${k}:${goFormat(value[k])}`).join(' ')}]`;
}

/** Go's `%v` of a float64 (strconv 'g' with shortest digits): `1e+06`, `123456`, `1e-05`. */
function goFloat(n: number): string {
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa = '', exponentText = '0'] = n.toExponential().split('e');
  const exponent = Number(exponentText);
  // strconv 'g' with shortest precision switches to %e when exp < -4 || exp >= 6 (eprec = 6).
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(n);
}

/** kubesec's pod spec path for a document (getSpecSelector). */
function specPath(document: JsonValue): string {
  const kind = getPath(document, 'kind');
  if (kind === 'Pod') return 'spec';
  if (kind === 'CronJob') return 'spec.jobTemplate.spec.template.spec';
  return 'spec.template.spec';
}

/** State of one securityContext attribute as kubesec's helper sees it. */
interface Check {
  /** The attribute is absent or of another type than the check expects. */
  unset: boolean;
  valid: boolean;
}

/**
 * kubesec's checkSecurityContext: counts init, regular and ephemeral containers whose attribute is
 * valid, or unset while the pod-level attribute (when `podLevel`) is valid.
 */
function countContainers(
  document: JsonValue,
  podLevel: boolean,
  check: (node: JsonValue | undefined) => Check,
): number {
  const spec = specPath(document);
  const validAtPod = podLevel && check(getPath(document, spec)).valid;
  let matches = 0;
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    const n = count(document, `${spec}.${list}`);
    for (let i = 0; i < n; i++) {
      const result = check(getPath(document, `${spec}.${list}.[${i}]`));
      if (result.valid || (result.unset && validAtPod)) matches++;
    }
  }
  return matches;
}

/** A boolean attribute that matches when true (any other type counts as unset). */
const isTrue =
  (path: string) =>
  (node: JsonValue | undefined): Check => {
    const value = getPath(node, path);
    return typeof value === 'boolean' ? { unset: false, valid: value } : { unset: true, valid: false };
  };

/** A numeric id attribute that matches above 10000 (any non-number counts as unset). */
const above10000 =
  (path: string) =>
  (node: JsonValue | undefined): Check => {
    const value = getPath(node, path);
    return typeof value === 'number' ? { unset: false, valid: value > 10000 } : { unset: true, valid: false };
  };

/** A profile type attribute: matches when its being `Unconfined` equals `unconfined`. */
const profileType =
  (path: string, unconfined: boolean) =>
  (node: JsonValue | undefined): Check => {
    const value = getPath(node, path);
    return typeof value === 'string'
      ? { unset: false, valid: (value === 'Unconfined') === unconfined }
      : { unset: true, valid: false };
  };

/** Go's nil: an absent path or an explicit null. */
const isNil = (value: JsonValue | undefined): boolean => value === undefined || value === null;

const POD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet'] as const;

/** Counts volumeClaimTemplates that have a `spec` (kubesec passes both claim rules when there are none). */
const claimTemplates = (document: JsonValue): number =>
  only(document, 'spec.volumeClaimTemplates', 'spec').length;

/** True when any env entry references a Secret key, or any envFrom entry a Secret. */
function usesSecretEnv(document: JsonValue, container: string): boolean {
  const env = `${container}.env`;
  for (let i = 0, n = count(document, env); i < n; i++) {
    if (!isNil(getPath(document, `${env}.[${i}].valueFrom.secretKeyRef`))) return true;
  }
  const envFrom = `${container}.envFrom`;
  for (let i = 0, n = count(document, envFrom); i < n; i++) {
    if (!isNil(getPath(document, `${envFrom}.[${i}].secretRef`))) return true;
  }
  return false;
}

const SECCOMP_SELECTOR =
  '.spec .securityContext .seccompProfile .type | .spec .containers[] .securityContext .seccompProfile .type | .spec .initContainers[] .securityContext .seccompProfile .type | .spec .ephemeralContainers[] .securityContext .seccompProfile .type';
const APPARMOR_SELECTOR =
  '.spec .securityContext .appArmorProfile .type | .spec .containers[] .securityContext .appArmorProfile .type | .spec .initContainers[] .securityContext .appArmorProfile .type | .spec .ephemeralContainers[] .securityContext .appArmorProfile .type';

/** The 30 kubesec v2 rules, in kubesec's declaration order. */
export const KUBESEC_RULES: readonly KubesecRule[] = [
  {
    id: 'HostNetwork',
    selector: '.spec .hostNetwork == true',
    reason:
      "Sharing the host's network namespace permits processes in the pod to communicate with processes bound to the host's loopback adapter",
    points: -9,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) => (getPath(d, `${specPath(d)}.hostNetwork`) === true ? 1 : 0),
  },
  {
    id: 'HostPID',
    selector: '.spec .hostPID == true',
    reason:
      "Sharing the host's PID namespace allows visibility of processes on the host, potentially leaking information such as environment variables and configuration",
    points: -9,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) => (getPath(d, `${specPath(d)}.hostPID`) === true ? 1 : 0),
  },
  {
    id: 'HostIPC',
    selector: '.spec .hostIPC == true',
    reason:
      "Sharing the host's IPC namespace allows container processes to communicate with processes on the host",
    points: -9,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) => (getPath(d, `${specPath(d)}.hostIPC`) === true ? 1 : 0),
  },
  {
    id: 'ReadOnlyRootFilesystem',
    selector: 'containers[] .securityContext .readOnlyRootFilesystem == true',
    reason:
      'An immutable root filesystem can prevent malicious binaries being added to PATH and increase attack cost',
    points: 1,
    advise: 3,
    kinds: POD_KINDS,
    count: (d) => countContainers(d, false, isTrue('securityContext.readOnlyRootFilesystem')),
  },
  {
    id: 'RunAsNonRoot',
    selector: '.spec, .spec.containers[] | .securityContext .runAsNonRoot == true',
    reason: 'Force the running image to run as a non-root user to ensure least privilege',
    points: 1,
    advise: 10,
    kinds: POD_KINDS,
    count: (d) => countContainers(d, true, isTrue('securityContext.runAsNonRoot')),
  },
  {
    id: 'RunAsUser',
    selector: '.spec, .spec.containers[] | .securityContext .runAsUser -gt 10000',
    reason: "Run as a high-UID user to avoid conflicts with the host's users",
    points: 1,
    advise: 4,
    kinds: POD_KINDS,
    count: (d) => countContainers(d, true, above10000('securityContext.runAsUser')),
  },
  {
    id: 'RunAsGroup',
    selector: '.spec, .spec.containers[] | .securityContext .runAsGroup -gt 10000',
    reason: "Run as a high-UID group to avoid conflicts with the host's groups",
    points: 1,
    advise: 4,
    kinds: POD_KINDS,
    count: (d) => countContainers(d, true, above10000('securityContext.runAsGroup')),
  },
  {
    id: 'Privileged',
    selector: 'containers[] .securityContext .privileged == true',
    reason: 'Privileged containers can allow almost completely unrestricted host access',
    points: -30,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) => countContainers(d, false, isTrue('securityContext.privileged')),
  },
  {
    id: 'CapSysAdmin',
    selector: 'containers[] .securityContext .capabilities .add == SYS_ADMIN',
    reason: 'CAP_SYS_ADMIN is the most privileged capability and should always be avoided',
    points: -30,
    advise: 0,
    kinds: POD_KINDS,
    // Substring match on Go's rendering of the list: "CAP_SYS_ADMIN" matches too.
    count: (d) =>
      countContainers(d, false, (node) => {
        const add = getPath(node, 'securityContext.capabilities.add');
        return isNil(add)
          ? { unset: true, valid: false }
          : { unset: false, valid: goFormat(add).includes('SYS_ADMIN') };
      }),
  },
  {
    id: 'CapDropAny',
    selector: 'containers[] .securityContext .capabilities .drop',
    reason: 'Reducing kernel capabilities available to a container limits its attack surface',
    points: 1,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) =>
      countContainers(d, false, (node) => {
        const drop = getPath(node, 'securityContext.capabilities.drop');
        if (!Array.isArray(drop)) return { unset: true, valid: false };
        return { unset: false, valid: drop.length > 0 && !goFormat(drop).includes('<nil>') };
      }),
  },
  {
    id: 'CapDropAll',
    selector: 'containers[] .securityContext .capabilities .drop | index("ALL")',
    reason: 'Drop all capabilities and add only those required to reduce syscall attack surface',
    points: 1,
    advise: 0,
    kinds: POD_KINDS,
    // Case-insensitive substring match on Go's rendering of the list.
    count: (d) =>
      countContainers(d, false, (node) => {
        const drop = getPath(node, 'securityContext.capabilities.drop');
        return isNil(drop)
          ? { unset: true, valid: false }
          : { unset: false, valid: goFormat(drop).toUpperCase().includes('ALL') };
      }),
  },
  {
    id: 'DockerSock',
    selector: 'volumes[] .hostPath .path == /var/run/docker.sock',
    reason:
      'Mounting the docker.socket leaks information about other containers and can allow container breakout',
    points: -9,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) =>
      goFormat(only(d, `${specPath(d)}.volumes`, 'hostPath.path')).includes('/var/run/docker.sock') ? 1 : 0,
  },
  {
    id: 'ProcMount',
    selector: 'volumes[] .hostPath .path == /proc',
    reason:
      'Mounting the proc directory from the host system into a container gives access to information about other containers running on the same host and can allow container breakout',
    points: -9,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) => (goFormat(only(d, `${specPath(d)}.volumes`, 'hostPath.path')).includes('/proc') ? 1 : 0),
  },
  {
    id: 'RequestsCPU',
    selector: 'containers[] .resources .requests .cpu',
    reason: 'Enforcing CPU requests aids a fair balancing of resources across the cluster',
    points: 1,
    advise: 0,
    kinds: POD_KINDS,
    // Regular containers only, and presence only (any value, even null, counts).
    count: (d) => only(d, `${specPath(d)}.containers`, 'resources.requests.cpu').length,
  },
  {
    id: 'LimitsCPU',
    selector: 'containers[] .resources .limits .cpu',
    reason: 'Enforcing CPU limits prevents DOS via resource exhaustion',
    points: 1,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) => only(d, `${specPath(d)}.containers`, 'resources.limits.cpu').length,
  },
  {
    id: 'RequestsMemory',
    selector: 'containers[] .resources .requests .memory',
    reason: 'Enforcing memory requests aids a fair balancing of resources across the cluster',
    points: 1,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) => only(d, `${specPath(d)}.containers`, 'resources.requests.memory').length,
  },
  {
    id: 'LimitsMemory',
    selector: 'containers[] .resources .limits .memory',
    reason: 'Enforcing memory limits prevents DOS via resource exhaustion',
    points: 1,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) => only(d, `${specPath(d)}.containers`, 'resources.limits.memory').length,
  },
  {
    id: 'ServiceAccountName',
    selector: '.spec .serviceAccountName',
    reason: 'Service accounts restrict Kubernetes API access and should be configured with least privilege',
    points: 3,
    advise: 0,
    kinds: POD_KINDS,
    // Any non-null value passes, even "". kubesec's Where filters only act on a list, which they empty.
    count: (d) => {
      const name = getPath(d, `${specPath(d)}.serviceAccountName`);
      return Array.isArray(name) || goFormat(name) !== '<nil>' ? 1 : 0;
    },
  },
  {
    id: 'HostAliases',
    selector: '.spec .hostAliases',
    reason:
      "Managing /etc/hosts aliases can prevent the container from modifying the file after a pod's containers have already been started. DNS should be managed by the orchestrator",
    points: -3,
    advise: 0,
    kinds: POD_KINDS,
    // Presence of any non-null value, even an empty list.
    count: (d) => (goFormat(getPath(d, `${specPath(d)}.hostAliases`)) !== '<nil>' ? 1 : 0),
  },
  {
    id: 'SeccompAny',
    selector: SECCOMP_SELECTOR,
    reason: 'Seccomp profiles set minimum privilege and secure against unknown threats',
    points: 1,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) => countContainers(d, true, profileType('securityContext.seccompProfile.type', false)),
  },
  {
    id: 'SeccompUnconfined',
    selector: SECCOMP_SELECTOR,
    reason: 'Unconfined Seccomp profiles have full system call access',
    points: -1,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) => countContainers(d, true, profileType('securityContext.seccompProfile.type', true)),
  },
  {
    id: 'ApparmorAny',
    selector: APPARMOR_SELECTOR,
    reason: 'Well defined AppArmor policies may provide greater protection from unknown threats.',
    points: 3,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) => countContainers(d, true, profileType('securityContext.appArmorProfile.type', false)),
  },
  {
    id: 'ApparmorUnconfined',
    selector: APPARMOR_SELECTOR,
    reason: 'Unconfined AppArmor profiles disable AppArmor enforcement on the workloads',
    points: -1,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) => countContainers(d, true, profileType('securityContext.appArmorProfile.type', true)),
  },
  {
    id: 'VolumeClaimAccessModeReadWriteOnce',
    selector: '.spec .volumeClaimTemplates[] .spec .accessModes | index("ReadWriteOnce")',
    reason:
      'Setting the access mode of ReadWriteOnce on volumeClaimTemplates (if any exist) allows only one node to mount the persistentVolume',
    points: 1,
    advise: 0,
    kinds: ['StatefulSet'],
    // Matches only an accessModes list that is exactly [ReadWriteOnce] on some template.
    count: (d) => {
      if (claimTemplates(d) === 0) return 1;
      const modes = goFormat(only(d, 'spec.volumeClaimTemplates', 'spec.accessModes'));
      return modes.includes('accessModes:[ReadWriteOnce]') ? 1 : 0;
    },
  },
  {
    id: 'VolumeClaimRequestsStorage',
    selector: '.spec .volumeClaimTemplates[] .spec .resources .requests .storage',
    reason:
      "Setting a storage request on volumeClaimTemplates (if any exist) allows for the StatefulSet's PVCs to be bound to appropriately sized PVs.",
    points: 1,
    advise: 0,
    kinds: ['StatefulSet'],
    count: (d) =>
      claimTemplates(d) === 0
        ? 1
        : only(d, 'spec.volumeClaimTemplates', 'spec.resources.requests.storage').length,
  },
  {
    id: 'AllowPrivilegeEscalation',
    selector: 'containers[] .securityContext .allowPrivilegeEscalation == true',
    reason: 'Ensure a non-root process can not gain more privileges',
    points: -7,
    advise: 0,
    kinds: POD_KINDS,
    // Only an explicit true counts (kubesec does not apply the Kubernetes default of true).
    count: (d) => countContainers(d, false, isTrue('securityContext.allowPrivilegeEscalation')),
  },
  {
    id: 'AutomountServiceAccountToken',
    selector: '.spec .automountServiceAccountToken == false',
    reason:
      'Disabling the automounting of Service Account Token reduces the attack surface of the API server',
    points: 1,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) => (getPath(d, `${specPath(d)}.automountServiceAccountToken`) === false ? 1 : 0),
  },
  {
    id: 'HostUsers',
    selector: '.spec .hostUsers == false',
    reason:
      'A user namespace for a Pod is enabled by setting the hostUsers field of Pod .spec, which can prevent various attacks',
    points: 1,
    advise: 0,
    kinds: POD_KINDS,
    count: (d) => (getPath(d, `${specPath(d)}.hostUsers`) === false ? 1 : 0),
  },
  {
    id: 'SecretsAsEnvironmentVariables',
    selector:
      '.spec .containers[] .env[] .valueFrom .secretKeyRef | .spec .initContainers[] .env[] .valueFrom .secretKeyRef | .spec .ephemeralContainers[] .env[] .valueFrom .secretKeyRef | .spec .containers[] .envFrom[] .secretRef | .spec .initContainers[] .envFrom[] .secretRef | .spec .ephemeralContainers[] .envFrom[] .secretRef',
    reason:
      'Secrets passed as environment variables can be easily exposed through application logs, crash dumps, and system process inspection',
    points: -5,
    advise: 0,
    kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'],
    count: (d) => {
      const spec = specPath(d);
      let matches = 0;
      for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
        for (let i = 0, n = count(d, `${spec}.${list}`); i < n; i++) {
          if (usesSecretEnv(d, `${spec}.${list}.[${i}]`)) matches++;
        }
      }
      return matches;
    },
  },
  {
    id: 'BindingsToSystemAnonymous',
    selector: '.subjects[] .name == "system:anonymous"',
    reason:
      'Binding a Role or a ClusterRole to user system:anonymous gives any unauthenticated user the permissions granted by that role',
    points: -30,
    advise: 0,
    kinds: ['RoleBinding', 'ClusterRoleBinding'],
    // Substring match: "system:anonymous-ops" matches too.
    count: (d) => (goFormat(only(d, 'subjects', 'name')).includes('system:anonymous') ? 1 : 0),
  },
];

/**
 * Whether kubesec can read the document's `kind` at all. When it cannot (not an object, or no `kind`
 * key), kubesec's kind gate fails with an error other than "not supported" and every rule is recorded as
 * applied with zero matches.
 */
export function hasKindKey(document: JsonValue): boolean {
  return walk(document, 'kind').found;
}
