/**
 * Effective RBAC permissions: the authorizer's rule matching, ClusterRole aggregation, bindings, subjects
 * and the `system:` groups the API server adds.
 *
 * @packageDocumentation
 */
export * from './policy.js';
export * from './graph.js';
