// DO NOT EDIT: generated from rule metadata by `npm run gen:docs`.
import type { AnyRule } from '../engine/rule.js';
import workloadPrivileged from './workload/privileged.js';

/** Every rule of the catalog, sorted by id. */
export const rules: readonly AnyRule[] = [
  workloadPrivileged,
];
