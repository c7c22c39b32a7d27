import { asObject } from './json.js';
import type { WorkloadView } from './workload.js';

/**
 * True when the pod declares `spec.os.name: windows`. The API server then forbids the Linux-only
 * security fields (`allowPrivilegeEscalation`, `capabilities`, `runAsUser`, `runAsGroup`, `hostUsers`,
 * …), so rules about them do not apply. A pod without `spec.os` may still be scheduled on Windows
 * through a node selector; that cannot be known from the manifest, and such pods are judged as Linux.
 *
 * @param workload - the workload view
 */
export function isWindowsPod(workload: WorkloadView): boolean {
  return asObject(workload.podSpec.os)?.name === 'windows';
}
