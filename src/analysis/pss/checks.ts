import { PSS_BASELINE_CAPABILITIES } from '../../model/capabilities.js';
import { compare } from '../../model/compare.js';
import { asArray, asObject, joinPointer } from '../../model/json.js';
import type { JsonObject, JsonValue } from '../../model/types.js';
import { pushAll } from '../../model/array.js';

/**
 * The pod a check judges: raw metadata and spec, as the API server's admission sees them (pod-level and
 * container-level fields separately, nothing merged), with JSON pointers for locating findings.
 */
export interface PodInput {
  metadata: JsonObject | undefined;
  metadataPointer: string;
  spec: JsonObject;
  specPointer: string;
  /** Init containers, then containers, then ephemeral containers: the order admission visits them. */
  containers: PodContainer[];
}

/** One container of a {@link PodInput}. */
export interface PodContainer {
  /** The container's name; empty when unset, like the API's zero value. */
  name: string;
  spec: JsonObject;
  pointer: string;
}

/** A check's verdict when it forbids the pod. */
export interface CheckFailure {
  /** Short reason, worded as the API server words it (e.g. `allowPrivilegeEscalation != false`). */
  reason: string;
  /** Detail, worded as the API server words it; may be empty. */
  detail: string;
  /** JSON pointers of the offending fields (or of where a missing field belongs), first one first. */
  paths: string[];
}

/** Evaluates one revision of a check; undefined when the pod is allowed. */
export type CheckFn = (pod: PodInput) => CheckFailure | undefined;

/** One revision of a check, applying from `minMinor` until the next revision. */
export interface CheckRevision {
  /** First policy version (`v1.<minMinor>`) this revision applies to. */
  minMinor: number;
  evaluate: CheckFn;
  /** Baseline checks this restricted revision replaces at the restricted level. */
  overrides?: readonly PssCheckId[];
}

/** Upstream check ids, exactly as pod-security-admission names them. */
export type PssCheckId =
  | 'appArmorProfile'
  | 'capabilities_baseline'
  | 'hostNamespaces'
  | 'hostPathVolumes'
  | 'hostPorts'
  | 'hostProbesAndHostLifecycle'
  | 'privileged'
  | 'procMount'
  | 'seLinuxOptions'
  | 'seccompProfile_baseline'
  | 'sysctls'
  | 'windowsHostProcess'
  | 'allowPrivilegeEscalation'
  | 'capabilities_restricted'
  | 'procMount_restricted'
  | 'restrictedVolumes'
  | 'runAsNonRoot'
  | 'runAsUser'
  | 'seccompProfile_restricted';

/** A Pod Security Standards check with its revisions, oldest first. */
export interface PssCheck {
  id: PssCheckId;
  level: 'baseline' | 'restricted';
  revisions: readonly CheckRevision[];
}

// ---------------------------------------------------------------------------------------------------------
// Helpers that mirror how the API server formats lists and reads (typed, defaulted) fields.

/**
 * `"a", "b"`: the API server's `joinQuote` wraps each item in double quotes without escaping anything, so
 * an item that already holds quotes (an annotation rendered as `key="value"`) keeps them as they are.
 */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : items.map((item) => `"${item}"`).join(', ');
}

const GO_LETTER_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols, and the ASCII space.
const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/**
 * A double-quoted string with the escapes of Go's `%q` (strconv.Quote), which the API server uses for
 * annotation values: letter escapes, `\xNN` for other ASCII controls, `\uNNNN` / `\UNNNNNNNN` for other
 * non-printable characters; printable Unicode is kept as is.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    const letter = GO_LETTER_ESCAPES[ch];
    if (letter !== undefined) out += letter;
    else if (GO_PRINTABLE.test(ch)) out += ch;
    else if (code < 0x80) out += '\\x' + code.toString(16).padStart(2, '0');
    // A lone surrogate reaches the API server as U+FFFD (JSON decoding replaces it), which is printable.
    else if (code >= 0xd800 && code <= 0xdfff) out += '\ufffd';
    else if (code < 0x10000) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += '\\U' + code.toString(16).padStart(8, '0');
  }
  return out + '"';
}

function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compare);
}

/** A string field; the empty string when unset or not a string (the API's zero value). */
function str(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** Whether a field is set: present and not null (null decodes to an unset pointer). */
function isSet(value: JsonValue | undefined): value is JsonValue {
  return value !== undefined && value !== null;
}

function podSecurityContext(pod: PodInput): JsonObject | undefined {
  return asObject(pod.spec.securityContext);
}

function containerSecurityContext(c: PodContainer): JsonObject | undefined {
  return asObject(c.spec.securityContext);
}

const podScPointer = (pod: PodInput, ...tokens: string[]): string =>
  joinPointer(pod.specPointer, 'securityContext', ...tokens);
const scPointer = (c: PodContainer, ...tokens: string[]): string =>
  joinPointer(c.pointer, 'securityContext', ...tokens);

/** `container "a"` / `containers "a", "b"`. */
function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/**
 * Where a forbidden securityContext setting is made: `pod` when the pod's securityContext matches, then the
 * phrase for the containers whose own securityContext matches; with the pointers of the field at `tokens`.
 */
function settersOf(
  pod: PodInput,
  forbidden: (sc: JsonObject | undefined) => boolean,
  ...tokens: string[]
): { setters: string[]; paths: string[] } {
  const setters: string[] = [];
  const paths: string[] = [];
  if (forbidden(podSecurityContext(pod))) {
    setters.push('pod');
    paths.push(podScPointer(pod, ...tokens));
  }
  const bad = pod.containers.filter((c) => forbidden(containerSecurityContext(c)));
  if (bad.length > 0) {
    setters.push(containersPhrase(bad.map((c) => c.name)));
    pushAll(
      paths,
      bad.map((c) => scPointer(c, ...tokens)),
    );
  }
  return { setters, paths };
}

function isWindowsPod(pod: PodInput): boolean {
  return asObject(pod.spec.os)?.name === 'windows';
}

/** A pod that runs in its own user namespace (`hostUsers: false`). */
function inUserNamespace(pod: PodInput): boolean {
  return pod.spec.hostUsers === false;
}

function annotationsOf(pod: PodInput): [string, string][] {
  const annotations = asObject(pod.metadata?.annotations);
  if (!annotations) return [];
  return Object.entries(annotations).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]);
}

function annotationPointer(pod: PodInput, key: string): string {
  return joinPointer(pod.metadataPointer, 'annotations', key);
}

// ---------------------------------------------------------------------------------------------------------
// Baseline checks.

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

// Both the appArmorProfile fields and the deprecated beta annotations are judged at every policy version:
// upstream has a single revision (v1.0) that was extended in place when the fields were added.
const appArmorProfile: CheckFn = (pod) => {
  const setters: string[] = [];
  const badTypes = new Set<string>();
  const paths: string[] = [];
  const allowedType = (t: string): boolean => t === 'RuntimeDefault' || t === 'Localhost';
  const podProfile = asObject(podSecurityContext(pod)?.appArmorProfile);
  if (podProfile && !allowedType(str(podProfile.type))) {
    setters.push('pod');
    badTypes.add(str(podProfile.type));
    paths.push(podScPointer(pod, 'appArmorProfile', 'type'));
  }
  const badContainers: string[] = [];
  for (const c of pod.containers) {
    const profile = asObject(containerSecurityContext(c)?.appArmorProfile);
    if (profile && !allowedType(str(profile.type))) {
      badContainers.push(c.name);
      badTypes.add(str(profile.type));
      paths.push(scPointer(c, 'appArmorProfile', 'type'));
    }
  }
  if (badContainers.length > 0) setters.push(containersPhrase(badContainers));
  const badAnnotations: string[] = [];
  for (const [key, value] of annotationsOf(pod)) {
    if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
    if (value === '' || value === 'runtime/default' || value.startsWith('localhost/')) continue;
    badAnnotations.push(`${key}=${goQuote(value)}`);
    paths.push(annotationPointer(pod, key));
  }
  const values = sortedSet(badTypes);
  if (badAnnotations.length > 0) {
    badAnnotations.sort(compare);
    pushAll(values, badAnnotations);
    setters.push(pluralize('annotation', 'annotations', badAnnotations.length));
  }
  if (setters.length === 0) return undefined;
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
    paths,
  };
};

const capabilitiesBaseline: CheckFn = (pod) => {
  const badContainers: string[] = [];
  const forbidden: string[] = [];
  const paths: string[] = [];
  for (const c of pod.containers) {
    const caps = asObject(containerSecurityContext(c)?.capabilities);
    if (!caps) continue;
    let valid = true;
    asArray(caps.add).forEach((cap, i) => {
      const name = str(cap);
      // Compared verbatim, as upstream does: "CAP_SYS_ADMIN" or "net_bind_service" are not in the set.
      if (!PSS_BASELINE_CAPABILITIES.has(name)) {
        valid = false;
        forbidden.push(name);
        paths.push(scPointer(c, 'capabilities', 'add', String(i)));
      }
    });
    if (!valid) badContainers.push(c.name);
  }
  if (badContainers.length === 0) return undefined;
  return {
    reason: 'non-default capabilities',
    detail: `${containersPhrase(badContainers)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`,
    paths,
  };
};

const hostNamespaces: CheckFn = (pod) => {
  const used: string[] = [];
  const paths: string[] = [];
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (pod.spec[field] === true) {
      used.push(`${field}=true`);
      paths.push(joinPointer(pod.specPointer, field));
    }
  }
  if (used.length === 0) return undefined;
  return { reason: 'host namespaces', detail: used.join(', '), paths };
};

function volumesOf(pod: PodInput): { name: string; spec: JsonObject; pointer: string }[] {
  return asArray(pod.spec.volumes).flatMap((raw, i) => {
    const spec = asObject(raw);
    return spec ? [{ name: str(spec.name), spec, pointer: joinPointer(pod.specPointer, 'volumes', i) }] : [];
  });
}

const hostPathVolumes: CheckFn = (pod) => {
  const bad = volumesOf(pod).filter((v) => isSet(v.spec.hostPath));
  if (bad.length === 0) return undefined;
  return {
    reason: 'hostPath volumes',
    detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad.map((v) => v.name))}`,
    paths: bad.map((v) => joinPointer(v.pointer, 'hostPath')),
  };
};

const hostPorts: CheckFn = (pod) => {
  const badContainers: string[] = [];
  const ports: string[] = [];
  const paths: string[] = [];
  for (const c of pod.containers) {
    let valid = true;
    asArray(c.spec.ports).forEach((raw, i) => {
      const hostPort = asObject(raw)?.hostPort;
      if (typeof hostPort === 'number' && hostPort !== 0) {
        valid = false;
        ports.push(String(hostPort));
        paths.push(joinPointer(c.pointer, 'ports', i, 'hostPort'));
      }
    });
    if (!valid) badContainers.push(c.name);
  }
  if (badContainers.length === 0) return undefined;
  // The API server keeps the ports in a string set, so they are listed in string order ("10", "8080", "9").
  const sorted = sortedSet(ports);
  return {
    reason: 'hostPort',
    detail: `${containersPhrase(badContainers)} ${pluralize('uses', 'use', badContainers.length)} ${pluralize('hostPort', 'hostPorts', sorted.length)} ${sorted.join(', ')}`,
    paths,
  };
};

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const LIFECYCLE_HANDLERS = ['postStart', 'preStop'] as const;

const hostProbesAndHostLifecycle: CheckFn = (pod) => {
  const badContainers = new Set<string>();
  const hosts = new Set<string>();
  const paths: string[] = [];
  const inspect = (handler: JsonObject | undefined, pointer: string, c: PodContainer): void => {
    if (!handler) return;
    for (const action of ['httpGet', 'tcpSocket'] as const) {
      const host = str(asObject(handler[action])?.host);
      if (host !== '') {
        badContainers.add(c.name);
        hosts.add(host);
        paths.push(joinPointer(pointer, action, 'host'));
      }
    }
  };
  for (const c of pod.containers) {
    for (const probe of PROBES) inspect(asObject(c.spec[probe]), joinPointer(c.pointer, probe), c);
    const lifecycle = asObject(c.spec.lifecycle);
    for (const h of LIFECYCLE_HANDLERS)
      inspect(asObject(lifecycle?.[h]), joinPointer(c.pointer, 'lifecycle', h), c);
  }
  if (badContainers.size === 0) return undefined;
  // Upstream collects both lists in sets, so container names here are sorted, unlike in other checks.
  const names = sortedSet(badContainers);
  return {
    reason: 'probe or lifecycle host',
    detail: `${containersPhrase(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hosts.size)} ${joinQuote(sortedSet(hosts))}`,
    paths,
  };
};

const privileged: CheckFn = (pod) => {
  const bad = pod.containers.filter((c) => containerSecurityContext(c)?.privileged === true);
  if (bad.length === 0) return undefined;
  return {
    reason: 'privileged',
    detail: `${containersPhrase(bad.map((c) => c.name))} must not set securityContext.privileged=true`,
    paths: bad.map((c) => scPointer(c, 'privileged')),
  };
};

const procMountStrict: CheckFn = (pod) => {
  const bad: PodContainer[] = [];
  const types: string[] = [];
  for (const c of pod.containers) {
    const procMount = containerSecurityContext(c)?.procMount;
    if (!isSet(procMount)) continue;
    const value = typeof procMount === 'string' ? procMount : String(procMount);
    if (value !== 'Default') {
      bad.push(c);
      types.push(value);
    }
  }
  if (bad.length === 0) return undefined;
  return {
    reason: 'procMount',
    detail: `${containersPhrase(bad.map((c) => c.name))} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
    paths: bad.map((c) => scPointer(c, 'procMount')),
  };
};

// From v1.35 a pod in its own user namespace may use any procMount at baseline; restricted keeps the
// unconditional check through procMount_restricted.
const procMountUserNamespaceAware: CheckFn = (pod) =>
  inUserNamespace(pod) ? undefined : procMountStrict(pod);

function seLinuxOptionsWith(allowedTypes: ReadonlySet<string>): CheckFn {
  return (pod) => {
    const setters: string[] = [];
    const badTypes = new Set<string>();
    const paths: string[] = [];
    let setUser = false;
    let setRole = false;
    const valid = (opts: JsonObject, pointer: string): boolean => {
      let ok = true;
      const type = str(opts.type);
      if (!allowedTypes.has(type)) {
        ok = false;
        badTypes.add(type);
        paths.push(joinPointer(pointer, 'type'));
      }
      if (str(opts.user) !== '') {
        ok = false;
        setUser = true;
        paths.push(joinPointer(pointer, 'user'));
      }
      if (str(opts.role) !== '') {
        ok = false;
        setRole = true;
        paths.push(joinPointer(pointer, 'role'));
      }
      return ok;
    };
    const podOpts = asObject(podSecurityContext(pod)?.seLinuxOptions);
    if (podOpts && !valid(podOpts, podScPointer(pod, 'seLinuxOptions'))) setters.push('pod');
    const badContainers: string[] = [];
    for (const c of pod.containers) {
      const opts = asObject(containerSecurityContext(c)?.seLinuxOptions);
      if (opts && !valid(opts, scPointer(c, 'seLinuxOptions'))) badContainers.push(c.name);
    }
    if (badContainers.length > 0) setters.push(containersPhrase(badContainers));
    if (setters.length === 0) return undefined;
    const data: string[] = [];
    const types = sortedSet(badTypes);
    if (types.length > 0) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
    return {
      reason: 'seLinuxOptions',
      detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
      paths,
    };
  };
}

/** SELinux types allowed before v1.31. */
export const SELINUX_TYPES_V1_0: ReadonlySet<string> = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
]);
/** SELinux types allowed from v1.31. */
export const SELINUX_TYPES_V1_31: ReadonlySet<string> = new Set([
  ...SELINUX_TYPES_V1_0,
  'container_engine_t',
]);

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

// Before v1.19 seccomp was configured only through the alpha annotations.
const seccompAnnotations: CheckFn = (pod) => {
  const annotations = new Map(annotationsOf(pod));
  const validValue = (v: string): boolean =>
    v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
  const forbidden: string[] = [];
  const paths: string[] = [];
  const inspect = (key: string): void => {
    const value = annotations.get(key);
    if (value !== undefined && !validValue(value)) {
      forbidden.push(`${key}=${goQuote(value)}`);
      paths.push(annotationPointer(pod, key));
    }
  };
  inspect(SECCOMP_POD_ANNOTATION);
  for (const c of pod.containers) inspect(SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name);
  if (forbidden.length === 0) return undefined;
  const list = sortedSet(forbidden);
  return {
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', list.length)} ${list.join(', ')}`,
    paths,
  };
};

const validSeccompType = (t: string): boolean => t === 'RuntimeDefault' || t === 'Localhost';

/** Seccomp fields, v1.19+: explicit values must be RuntimeDefault or Localhost; `requireSet` adds restricted's demand. */
function seccompFields(requireSet: boolean): CheckFn {
  return (pod) => {
    const setters: string[] = [];
    const badValues = new Set<string>();
    const paths: string[] = [];
    let podValid = false;
    const podProfile = asObject(podSecurityContext(pod)?.seccompProfile);
    if (podProfile) {
      const type = str(podProfile.type);
      if (!validSeccompType(type)) {
        setters.push('pod');
        badValues.add(type);
        paths.push(podScPointer(pod, 'seccompProfile', 'type'));
      } else podValid = true;
    }
    const explicit: string[] = [];
    const implicit: PodContainer[] = [];
    for (const c of pod.containers) {
      const profile = asObject(containerSecurityContext(c)?.seccompProfile);
      if (profile) {
        const type = str(profile.type);
        if (!validSeccompType(type)) {
          explicit.push(c.name);
          badValues.add(type);
          paths.push(scPointer(c, 'seccompProfile', 'type'));
        }
      } else if (requireSet && !podValid) implicit.push(c);
    }
    if (explicit.length > 0) setters.push(containersPhrase(explicit));
    if (setters.length > 0) {
      return {
        reason: 'seccompProfile',
        detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
        paths,
      };
    }
    if (implicit.length > 0) {
      return {
        reason: 'seccompProfile',
        detail: `pod or ${containersPhrase(implicit.map((c) => c.name))} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
        paths: implicit.map((c) => scPointer(c, 'seccompProfile')),
      };
    }
    return undefined;
  };
}

/** Safe sysctls by the policy version that first allowed them. */
export const SAFE_SYSCTLS: readonly (readonly [number, readonly string[]])[] = [
  [
    0,
    [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    ],
  ],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [
    29,
    [
      'net.ipv4.tcp_keepalive_time',
      'net.ipv4.tcp_fin_timeout',
      'net.ipv4.tcp_keepalive_intvl',
      'net.ipv4.tcp_keepalive_probes',
    ],
  ],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

function sysctlsAllowedFrom(minor: number): CheckFn {
  const allowed = new Set(SAFE_SYSCTLS.filter(([m]) => m <= minor).flatMap(([, names]) => names));
  return (pod) => {
    const forbidden: string[] = [];
    const paths: string[] = [];
    asArray(podSecurityContext(pod)?.sysctls).forEach((raw, i) => {
      const name = str(asObject(raw)?.name);
      if (!allowed.has(name)) {
        forbidden.push(name);
        paths.push(podScPointer(pod, 'sysctls', String(i), 'name'));
      }
    });
    if (forbidden.length === 0) return undefined;
    // Listed in declaration order, duplicates kept, as upstream joins its slice.
    return { reason: 'forbidden sysctls', detail: forbidden.join(', '), paths };
  };
}

const windowsHostProcess: CheckFn = (pod) => {
  const { setters, paths } = settersOf(
    pod,
    (sc) => asObject(sc?.windowsOptions)?.hostProcess === true,
    'windowsOptions',
    'hostProcess',
  );
  if (setters.length === 0) return undefined;
  return {
    reason: 'hostProcess',
    detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
    paths,
  };
};

// ---------------------------------------------------------------------------------------------------------
// Restricted checks.

const allowPrivilegeEscalation: CheckFn = (pod) => {
  const bad = pod.containers.filter((c) => containerSecurityContext(c)?.allowPrivilegeEscalation !== false);
  if (bad.length === 0) return undefined;
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containersPhrase(bad.map((c) => c.name))} must set securityContext.allowPrivilegeEscalation=false`,
    paths: bad.map((c) => scPointer(c, 'allowPrivilegeEscalation')),
  };
};

/**
 * From v1.25 a pod with `spec.os.name: windows` is exempt from the Linux-only restricted checks (the API
 * rejects those fields on Windows pods, so they cannot be set).
 */
function exemptWindows(fn: CheckFn): CheckFn {
  return (pod) => (isWindowsPod(pod) ? undefined : fn(pod));
}

const capabilitiesRestricted: CheckFn = (pod) => {
  const missingDropAll: PodContainer[] = [];
  const adding: string[] = [];
  const forbidden: string[] = [];
  const paths: string[] = [];
  for (const c of pod.containers) {
    const caps = asObject(containerSecurityContext(c)?.capabilities);
    if (!caps) {
      missingDropAll.push(c);
      paths.push(scPointer(c, 'capabilities'));
      continue;
    }
    if (!asArray(caps.drop).some((d) => d === 'ALL')) {
      missingDropAll.push(c);
      paths.push(scPointer(c, 'capabilities', 'drop'));
    }
    let addedForbidden = false;
    asArray(caps.add).forEach((cap, i) => {
      if (cap !== 'NET_BIND_SERVICE') {
        addedForbidden = true;
        forbidden.push(str(cap));
        paths.push(scPointer(c, 'capabilities', 'add', String(i)));
      }
    });
    if (addedForbidden) adding.push(c.name);
  }
  const details: string[] = [];
  if (missingDropAll.length > 0)
    details.push(
      `${containersPhrase(missingDropAll.map((c) => c.name))} must set securityContext.capabilities.drop=["ALL"]`,
    );
  if (adding.length > 0)
    details.push(
      `${containersPhrase(adding)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`,
    );
  if (details.length === 0) return undefined;
  return { reason: 'unrestricted capabilities', detail: details.join('; '), paths };
};

/** Volume types allowed at the restricted level. */
export const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** Non-allowed volume types in the order upstream names the first one it finds. */
const RESTRICTED_VOLUME_NAMING_ORDER = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
] as const;

const restrictedVolumes: CheckFn = (pod) => {
  const badNames: string[] = [];
  const badTypes = new Set<string>();
  const paths: string[] = [];
  for (const volume of volumesOf(pod)) {
    const sources = Object.keys(volume.spec).filter((k) => k !== 'name' && isSet(volume.spec[k]));
    // A volume with no source is defaulted to emptyDir by the API server before admission sees it.
    if (sources.length === 0) continue;
    if (sources.some((s) => RESTRICTED_VOLUME_TYPES.has(s))) continue;
    badNames.push(volume.name);
    const type = RESTRICTED_VOLUME_NAMING_ORDER.find((t) => sources.includes(t)) ?? 'unknown';
    badTypes.add(type);
    paths.push(type === 'unknown' ? volume.pointer : joinPointer(volume.pointer, type));
  }
  if (badNames.length === 0) return undefined;
  const types = sortedSet(badTypes);
  return {
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', badNames.length)} ${joinQuote(badNames)} ${pluralize('uses', 'use', badNames.length)} ${pluralize('restricted volume type', 'restricted volume types', types.length)} ${joinQuote(types)}`,
    paths,
  };
};

const runAsNonRoot: CheckFn = (pod) => {
  const setters: string[] = [];
  const paths: string[] = [];
  let podNonRoot = false;
  const podValue = podSecurityContext(pod)?.runAsNonRoot;
  if (isSet(podValue)) {
    if (podValue === false) {
      setters.push('pod');
      paths.push(podScPointer(pod, 'runAsNonRoot'));
    } else podNonRoot = true;
  }
  const explicit: string[] = [];
  const implicit: PodContainer[] = [];
  for (const c of pod.containers) {
    const value = containerSecurityContext(c)?.runAsNonRoot;
    if (isSet(value)) {
      if (value === false) {
        explicit.push(c.name);
        paths.push(scPointer(c, 'runAsNonRoot'));
      }
    } else if (!podNonRoot) implicit.push(c);
  }
  if (explicit.length > 0) setters.push(containersPhrase(explicit));
  if (setters.length > 0)
    return {
      reason: 'runAsNonRoot != true',
      detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
      paths,
    };
  if (implicit.length > 0)
    return {
      reason: 'runAsNonRoot != true',
      detail: `pod or ${containersPhrase(implicit.map((c) => c.name))} must set securityContext.runAsNonRoot=true`,
      paths: implicit.map((c) => scPointer(c, 'runAsNonRoot')),
    };
  return undefined;
};

const runAsUser: CheckFn = (pod) => {
  const { setters, paths } = settersOf(pod, (sc) => sc?.runAsUser === 0, 'runAsUser');
  if (setters.length === 0) return undefined;
  return { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0`, paths };
};

/** From v1.35, runAsNonRoot and runAsUser do not apply to pods in their own user namespace. */
function exemptUserNamespace(fn: CheckFn): CheckFn {
  return (pod) => (inUserNamespace(pod) ? undefined : fn(pod));
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Every check with its revisions, as pod-security-admission registers them. Versions where a check changes
 * behaviour each have a revision; `minMinor` is the first policy version it applies to.
 */
export const PSS_CHECKS: readonly PssCheck[] = [
  { id: 'appArmorProfile', level: 'baseline', revisions: [{ minMinor: 0, evaluate: appArmorProfile }] },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    revisions: [{ minMinor: 0, evaluate: capabilitiesBaseline }],
  },
  { id: 'hostNamespaces', level: 'baseline', revisions: [{ minMinor: 0, evaluate: hostNamespaces }] },
  { id: 'hostPathVolumes', level: 'baseline', revisions: [{ minMinor: 0, evaluate: hostPathVolumes }] },
  { id: 'hostPorts', level: 'baseline', revisions: [{ minMinor: 0, evaluate: hostPorts }] },
  {
    id: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    revisions: [{ minMinor: 34, evaluate: hostProbesAndHostLifecycle }],
  },
  { id: 'privileged', level: 'baseline', revisions: [{ minMinor: 0, evaluate: privileged }] },
  {
    id: 'procMount',
    level: 'baseline',
    revisions: [
      { minMinor: 0, evaluate: procMountStrict },
      { minMinor: 35, evaluate: procMountUserNamespaceAware },
    ],
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    revisions: [
      { minMinor: 0, evaluate: seLinuxOptionsWith(SELINUX_TYPES_V1_0) },
      { minMinor: 31, evaluate: seLinuxOptionsWith(SELINUX_TYPES_V1_31) },
    ],
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    revisions: [
      { minMinor: 0, evaluate: seccompAnnotations },
      { minMinor: 19, evaluate: seccompFields(false) },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    revisions: SAFE_SYSCTLS.map(([minMinor]) => ({ minMinor, evaluate: sysctlsAllowedFrom(minMinor) })),
  },
  { id: 'windowsHostProcess', level: 'baseline', revisions: [{ minMinor: 0, evaluate: windowsHostProcess }] },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    revisions: [
      { minMinor: 8, evaluate: allowPrivilegeEscalation },
      { minMinor: 25, evaluate: exemptWindows(allowPrivilegeEscalation) },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    revisions: [
      { minMinor: 22, evaluate: capabilitiesRestricted, overrides: ['capabilities_baseline'] },
      { minMinor: 25, evaluate: exemptWindows(capabilitiesRestricted), overrides: ['capabilities_baseline'] },
    ],
  },
  {
    id: 'procMount_restricted',
    level: 'restricted',
    revisions: [{ minMinor: 35, evaluate: procMountStrict, overrides: ['procMount'] }],
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    revisions: [{ minMinor: 0, evaluate: restrictedVolumes, overrides: ['hostPathVolumes'] }],
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    revisions: [
      { minMinor: 0, evaluate: runAsNonRoot },
      { minMinor: 35, evaluate: exemptUserNamespace(runAsNonRoot) },
    ],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    revisions: [
      { minMinor: 23, evaluate: runAsUser },
      { minMinor: 35, evaluate: exemptUserNamespace(runAsUser) },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    revisions: [
      { minMinor: 19, evaluate: seccompFields(true), overrides: ['seccompProfile_baseline'] },
      {
        minMinor: 25,
        evaluate: exemptWindows(seccompFields(true)),
        overrides: ['seccompProfile_baseline'],
      },
    ],
  },
];
