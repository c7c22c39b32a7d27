import type { Resource } from './types.js';
import { isWorkload } from './workload.js';

/**
 * All resources of a scan that cluster-scope rules asked for, indexed by kind and namespace. Built once per
 * scan, after every input has been read.
 */
export class ResourceIndex {
  private readonly byKind = new Map<string, Resource[]>();
  private readonly workloads: Resource[] = [];

  constructor(readonly resources: readonly Resource[]) {
    for (const resource of resources) {
      const list = this.byKind.get(resource.kind);
      if (list) list.push(resource);
      else this.byKind.set(resource.kind, [resource]);
      if (isWorkload(resource)) this.workloads.push(resource);
    }
  }

  /** Resources of a kind (`workload` for every pod-bearing kind), in input order. */
  ofKind(kind: string): readonly Resource[] {
    return kind === 'workload' ? this.workloads : (this.byKind.get(kind) ?? []);
  }

  /** Resources of a kind in one namespace. */
  inNamespace(kind: string, namespace: string | null): Resource[] {
    return this.ofKind(kind).filter((r) => r.namespace === namespace);
  }
}

/**
 * Whether a resource is wanted by a kinds list as rules declare it: `workload` for pod-bearing kinds, `*`
 * for everything, or a kind name.
 */
export function kindSelected(
  kinds: readonly string[],
  resource: Pick<Resource, 'kind' | 'apiVersion'>,
): boolean {
  for (const kind of kinds) {
    if (kind === '*' || (kind === 'workload' ? isWorkload(resource) : kind === resource.kind)) return true;
  }
  return false;
}
