import { asArray, asObject, joinPointer } from './json.js';
import type { ContainerView, WorkloadView } from './workload.js';

/**
 * A host path in canonical form: absolute, single slashes, no `.` or `..` segments, no trailing slash
 * (except the root itself). Returns undefined for a path that is not an absolute POSIX path (for
 * example a Windows `C:\…` path), which no Linux host-path rule can judge.
 *
 * `..` is resolved lexically even though the API server rejects it in `hostPath.path`, so that a
 * manifest that never reached a server is still judged by what it names. Symbolic links on the node
 * (for example `/var/run` → `/run`) cannot be seen; lists of sensitive paths name both spellings.
 *
 * @param path - the `hostPath.path` value
 */
export function normalizeHostPath(path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return '/' + out.join('/');
}

/**
 * How a host path relates to a listed path: the same directory, somewhere under it, or a parent of it
 * (mounting a parent exposes the listed path too). Both arguments must be normalised.
 */
export type HostPathRelation = 'equal' | 'under' | 'contains';

/**
 * The relation of `path` to `listed`, or undefined when neither contains the other. A listed `/` matches
 * only `/` itself.
 *
 * @param path - a normalised host path
 * @param listed - a normalised path from a list
 */
export function hostPathRelation(path: string, listed: string): HostPathRelation | undefined {
  if (path === listed) return 'equal';
  // Everything is under `/`; a listed root means mounting the whole filesystem, not any path at all.
  if (listed !== '/' && path.startsWith(listed + '/')) return 'under';
  if (path === '/' || listed.startsWith(path + '/')) return 'contains';
  return undefined;
}

/**
 * The entries of a configured list in normalised form, in order; entries that are not absolute paths are
 * dropped.
 *
 * @param list - paths as configured
 */
export function normalizeHostPaths(list: readonly string[]): string[] {
  return list.flatMap((entry) => {
    const listed = normalizeHostPath(entry);
    return listed === undefined ? [] : [listed];
  });
}

/** The listed path a host path matched, and how. */
export interface HostPathMatch {
  listed: string;
  relation: HostPathRelation;
}

/**
 * The best match of a host path against a list: an exact match first, then the deepest listed parent,
 * then the first listed path it contains. List entries are normalised here; entries that are not
 * absolute paths are ignored.
 *
 * @param path - a normalised host path
 * @param list - paths as configured
 */
export function matchHostPath(path: string, list: readonly string[]): HostPathMatch | undefined {
  let under: string | undefined;
  let contains: string | undefined;
  for (const listed of normalizeHostPaths(list)) {
    const relation = hostPathRelation(path, listed);
    if (relation === 'equal') return { listed, relation };
    if (relation === 'under' && (under === undefined || listed.length > under.length)) under = listed;
    if (relation === 'contains' && contains === undefined) contains = listed;
  }
  if (under !== undefined) return { listed: under, relation: 'under' };
  if (contains !== undefined) return { listed: contains, relation: 'contains' };
  return undefined;
}

/** A `hostPath` volume of a pod. */
export interface HostPathVolume {
  /** Volume name. */
  name: string;
  /** Pointer of the volume's `hostPath` object. */
  pointer: string;
  /** Pointer of `hostPath.path`. */
  pathPointer: string;
  /** `hostPath.path` as written ('' when missing). */
  path: string;
  /** {@link normalizeHostPath} of the path. */
  normalized: string | undefined;
}

/**
 * Every `hostPath` volume of a workload.
 *
 * @param workload - the workload view
 */
export function hostPathVolumes(workload: WorkloadView): HostPathVolume[] {
  return workload.volumes.flatMap((volume) => {
    const hostPath = asObject(volume.spec.hostPath);
    if (!hostPath) return [];
    const path = typeof hostPath.path === 'string' ? hostPath.path : '';
    const pointer = joinPointer(volume.pointer, 'hostPath');
    return [
      {
        name: volume.name,
        pointer,
        pathPointer: joinPointer(pointer, 'path'),
        path,
        normalized: normalizeHostPath(path),
      },
    ];
  });
}

/** A container's `volumeMounts` entry for one volume. */
export interface VolumeMountRef {
  container: ContainerView;
  /** Pointer of the `volumeMounts` entry. */
  pointer: string;
  mountPath: string;
  /** `readOnly` is exactly true. */
  readOnly: boolean;
  /** Whether the entry has a `readOnly` key at all (so a finding can point at it). */
  hasReadOnlyKey: boolean;
}

/**
 * Every mount of the named volume, across init, regular and ephemeral containers.
 *
 * @param workload - the workload view
 * @param volumeName - the pod volume's name
 */
export function mountsOfVolume(workload: WorkloadView, volumeName: string): VolumeMountRef[] {
  return workload.containers.flatMap((container) =>
    asArray(container.spec.volumeMounts).flatMap((raw, index) => {
      const mount = asObject(raw);
      if (!mount || mount.name !== volumeName) return [];
      return [
        {
          container,
          pointer: joinPointer(container.pointer, 'volumeMounts', index),
          mountPath: typeof mount.mountPath === 'string' ? mount.mountPath : '',
          readOnly: mount.readOnly === true,
          hasReadOnlyKey: mount.readOnly !== undefined,
        },
      ];
    }),
  );
}
