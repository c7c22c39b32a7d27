import { asArray, asObject, joinPointer } from './json.js';
import type { JsonValue } from './types.js';
import type { ContainerView } from './workload.js';

/**
 * Capabilities that the Pod Security Standards (baseline, every version since v1.0) allow a container to
 * add. Pod Security Admission compares these names exactly: `chown` or `CAP_CHOWN` are not in the set.
 */
export const PSS_BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/**
 * The canonical name of a capability as the container runtimes read it: upper case, without the `CAP_`
 * prefix. containerd and CRI-O both upper-case the names and compare `ALL` without regard to case; CRI-O
 * also accepts a `CAP_` prefix (containerd would fail on it, so reading it as the capability is the cautious
 * choice). The API server and Pod Security Admission do not normalise, so callers
 * that emulate admission must compare the raw value instead.
 *
 * @param name - a capability name as written in the manifest
 */
export function normalizeCapability(name: string): string {
  const upper = name.toUpperCase();
  // `CAP_ALL` is not a spelling of `ALL`: both runtimes treat it as an unknown capability.
  return upper.startsWith('CAP_') && upper !== 'CAP_ALL' ? upper.slice(4) : upper;
}

/** One entry of a `capabilities.add` or `capabilities.drop` list. */
export interface CapabilityEntry {
  /** The value as written. */
  raw: string;
  /** {@link normalizeCapability} of the raw value. */
  name: string;
  pointer: string;
}

/** A container's own `securityContext.capabilities` (the field is never inherited from the pod). */
export interface ContainerCapabilities {
  /** Pointer of `securityContext.capabilities` (which may not exist). */
  pointer: string;
  /** Whether `capabilities.add` / `capabilities.drop` is present as a list. */
  hasAdd: boolean;
  hasDrop: boolean;
  add: CapabilityEntry[];
  drop: CapabilityEntry[];
}

function entries(list: JsonValue | undefined, pointer: string): CapabilityEntry[] {
  return asArray(list).flatMap((value, index) =>
    typeof value === 'string'
      ? [{ raw: value, name: normalizeCapability(value), pointer: joinPointer(pointer, index) }]
      : [],
  );
}

/**
 * The capabilities a container adds and drops. Non-string list items are ignored (the API server
 * rejects them, so they never reach a runtime).
 *
 * @param container - a container of a workload view
 */
export function capabilitiesOf(container: ContainerView): ContainerCapabilities {
  const located = container.effective.capabilities;
  const pointer = located?.pointer ?? joinPointer(container.securityContextPointer, 'capabilities');
  const caps = asObject(located?.value);
  const addPointer = joinPointer(pointer, 'add');
  const dropPointer = joinPointer(pointer, 'drop');
  return {
    pointer,
    hasAdd: Array.isArray(caps?.add),
    hasDrop: Array.isArray(caps?.drop),
    add: entries(caps?.add, addPointer),
    drop: entries(caps?.drop, dropPointer),
  };
}

/**
 * Whether the drop list removes every capability, as the runtimes read it (`ALL` in any case).
 *
 * @param caps - the container's capabilities
 */
export function dropsAll(caps: ContainerCapabilities): boolean {
  return caps.drop.some((e) => e.name === 'ALL');
}

/**
 * The capabilities containerd (and Docker) grant a container that neither adds nor drops anything: the
 * Pod Security Standards baseline set plus NET_RAW. CRI-O's default set is smaller (no NET_RAW since
 * CRI-O 1.18), so judging by containerd's is the cautious choice; it is also what EKS, GKE and AKS run.
 */
export const RUNTIME_DEFAULT_CAPABILITIES: ReadonlySet<string> = new Set([
  ...PSS_BASELINE_CAPABILITIES,
  'NET_RAW',
]);

/** Whether the drop list names this capability itself (not through ALL). */
export function dropsByName(caps: ContainerCapabilities, name: string): boolean {
  return caps.drop.some((e) => e.name === name);
}

/**
 * How the container ends up holding a capability, or undefined when it does not. Both containerd and
 * CRI-O build the set the same way: start from everything (`add: [ALL]`), nothing (`drop: [ALL]`, which
 * wins over `add: [ALL]`) or the runtime default; then add the named capabilities; then remove the
 * named drops, which win over named adds.
 *
 * @param caps - the container's capabilities
 * @param name - a normalised capability name
 */
export function capabilityGrant(
  caps: ContainerCapabilities,
  name: string,
): 'added' | 'all' | 'default' | undefined {
  if (dropsByName(caps, name)) return undefined;
  if (caps.add.some((e) => e.name === name)) return 'added';
  if (dropsAll(caps)) return undefined;
  if (caps.add.some((e) => e.name === 'ALL')) return 'all';
  return RUNTIME_DEFAULT_CAPABILITIES.has(name) ? 'default' : undefined;
}
