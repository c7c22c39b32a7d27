import type { Resource, SourceLocation } from '../../model/types.js';
import type { IpRange } from './ip.js';
import type { Labels } from './label-selector.js';

/** Traffic direction as seen from the endpoint a policy selects. */
export type Direction = 'ingress' | 'egress';

/** A container port, for named-port resolution. */
export interface ContainerPort {
  name: string;
  port: number;
  /** TCP, UDP or SCTP (an empty protocol means TCP). */
  protocol: string;
}

/** Something traffic can come from or go to. */
export type Endpoint = WorkloadEndpoint | ExternalEndpoint;

/** One workload (all pods of one pod template), labelled by its template and living in a namespace. */
export interface WorkloadEndpoint {
  type: 'workload';
  index: number;
  /** netpol-analyzer notation: `namespace/name[Kind]`. */
  display: string;
  namespace: string;
  name: string;
  kind: string;
  labels: Labels;
  serviceAccount: string;
  hostNetwork: boolean;
  ports: ContainerPort[];
  resource: Resource;
}

/** A range of addresses outside the cluster that no policy tells apart. */
export interface ExternalEndpoint {
  type: 'external';
  index: number;
  /** netpol-analyzer notation: `start-end[External]`. */
  display: string;
  range: IpRange;
  /** `cloud-metadata` for 169.254.169.254, the instance metadata service. */
  name?: string;
}

/** Kinds of policy kubeward evaluates. */
export type PolicyKind = 'NetworkPolicy' | 'CalicoNetworkPolicy' | 'GlobalNetworkPolicy';

/** Rule actions (Kubernetes rules are all `Allow`). */
export type Action = 'Allow' | 'Deny' | 'Pass' | 'Log';

/** A policy as reported: what it is and where it was read. */
export interface PolicyInfo {
  id: number;
  kind: PolicyKind;
  namespace: string | null;
  name: string;
  /** `NetworkPolicy shop/web`, `Calico NetworkPolicy shop/web`, `GlobalNetworkPolicy deny-all`. */
  label: string;
  resource: Resource;
  location: SourceLocation;
  tier: string;
  /** Effective order inside its tier (Infinity when unset). */
  order: number;
  /** Directions the policy applies to (policyTypes / types after defaulting). */
  types: Direction[];
  /** Whether `policyTypes` / `types` was written out (false when defaulted). */
  typesExplicit: boolean;
}

/** Where one rule of a policy was written. */
export interface RuleInfo {
  policy: PolicyInfo;
  direction: Direction;
  /** 0-based position in the policy's `ingress` / `egress` list. */
  index: number;
  action: Action;
  pointer: string;
  location: SourceLocation;
}

/** Something the analysis wants the user to know: an invalid field, an assumption, an unsupported feature. */
export interface NetpolNote {
  level: 'error' | 'warning' | 'info';
  message: string;
  location?: SourceLocation;
}
