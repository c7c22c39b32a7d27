import type { ComponentName } from '../facts.js';

/**
 * Node benchmark checks as data. A check names the component whose presence makes it applicable, and a
 * {@link Test} over that component's settings or over file metadata; the evaluator (../evaluate.ts) turns it
 * into a result. Nothing here runs code on the node.
 */
export interface Benchmark {
  /** Stable id, e.g. `cis-1.12`. */
  id: string;
  /** Published title and version. */
  title: string;
  /** Kubernetes minor versions the benchmark was written for, inclusive, e.g. `[32, 34]`. */
  kubernetesMinors: [number, number];
  sections: Section[];
}

/** A top-level part of a benchmark (kube-bench calls it a control file / target). */
export interface Section {
  id: string;
  text: string;
  /** kube-bench's `node_type` of the section: master, etcd, controlplane, node, policies. */
  nodeType: 'master' | 'etcd' | 'controlplane' | 'node' | 'policies' | 'managedservices';
  groups: Group[];
}

/** A numbered group of checks. */
export interface Group {
  id: string;
  text: string;
  checks: CheckDef[];
}

/** CIS profile level. */
export type Level = 1 | 2;

/** One recommendation. */
export interface CheckDef {
  id: string;
  /** The recommendation title, without the (Automated)/(Manual) suffix. */
  text: string;
  level: Level;
  /** CIS "Automated" (scored) or "Manual". A manual check with a test reports PASS or WARN, never FAIL. */
  automated: boolean;
  /** The component whose presence makes the check applicable; null for checks that always apply. */
  component: ComponentName | null;
  /** What to verify; absent for recommendations that need human review (always WARN). */
  test?: Test;
  remediation: string;
}

/** A verification over facts. */
export type Test =
  | { kind: 'setting'; setting: SettingRef; expect: Expect }
  | { kind: 'all'; of: Test[] }
  | { kind: 'any'; of: Test[] }
  | { kind: 'file-mode'; file: FileRef; max: string }
  | { kind: 'file-owner'; file: FileRef; owner: string };

/**
 * A component setting: a command-line flag, and for components with a config file the key it maps to
 * (flags win over the file, as the components resolve them), or for etcd the environment variable it
 * falls back to. `default` is what the component uses when neither sets it.
 */
export interface SettingRef {
  /** Flag name without dashes. */
  flag: string;
  /** Dotted key in the component config file (kubelet, kube-proxy). */
  config?: string;
  /** Environment variable read when the flag is absent (etcd `ETCD_*`). */
  env?: string;
  /** For `--feature-gates` / `featureGates`: the gate name. */
  featureGate?: string;
  /**
   * The component's config defaulting treats a zero duration in the file as unset (the kubelet replaces a
   * zero streamingConnectionIdleTimeout with its default), so `0s` in the file means the default.
   */
  configZeroIsDefault?: boolean;
  /**
   * A flag that, when given, configures this setting in a file instead and excludes this flag (kube-apiserver
   * `--authorization-config` instead of `--authorization-mode`): the setting is then read from that file
   * (the authorizer types of the collected AuthorizationConfiguration), and is WARN when the file could not
   * be used, never a verdict from the default the component does not use.
   */
  supersededBy?: string;
  default: DefaultValue;
}

/**
 * The value a component uses when a setting is not given. `value: null` means "no value" (the feature is
 * off or the path is empty). Kubelet defaults differ between a run with a config file (KubeletConfiguration
 * v1beta1 defaults) and one with flags only (legacy flag defaults): `withoutConfigFile` holds the latter.
 */
export interface DefaultValue {
  value: string | string[] | null;
  withoutConfigFile?: string | string[] | null;
  /** Where the default is documented, shown in results, e.g. `kube-apiserver --profiling default`. */
  note: string;
}

/** Comparison of a setting's value. */
export type Expect =
  | { op: 'eq'; value: string }
  | { op: 'noteq'; value: string }
  | { op: 'set' }
  | { op: 'unset' }
  | { op: 'has'; value: string }
  | { op: 'nothave'; value: string }
  | { op: 'gte'; value: number }
  | { op: 'subset'; values: string[] }
  | { op: 'nonzero-duration' }
  /** The host part of an `address[:port]` is a loopback address (127.0.0.0/8, ::1, localhost). */
  | { op: 'loopback' };

/** Which files a file test reads; each resolves against the component's flags and the collected files. */
export type FileRef =
  /** The component's static pod manifest. */
  | { kind: 'manifest'; component: ComponentName }
  /** Paths named by a component flag (or config key), else the given default paths. */
  | { kind: 'flag-path'; component: ComponentName; flag: string; config?: string; defaults: string[] }
  /** The kubelet config file actually in use (from `--config`), and its drop-in files. */
  | { kind: 'kubelet-config' }
  /** The kubelet systemd unit and drop-ins. */
  | { kind: 'kubelet-service' }
  /** Fixed paths; the ones that exist are checked. */
  | { kind: 'paths'; paths: string[] }
  /** Every collected file (or directory, when `dirs`) under one of the directories whose name matches. */
  | { kind: 'tree'; dirs: string[]; match?: string; dirsToo?: boolean }
  /** Files in the static pod manifest directory whose name matches. */
  | { kind: 'manifest-dir'; match: string };
