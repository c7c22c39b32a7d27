/** Severity of a finding, from most to least severe. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** All severities, most severe first. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Rank of a severity: higher is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

/** A position in an input file; line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** A plain JSON value as produced by the YAML/JSON loaders. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** Where a resource came from, with a resolver from JSON pointers to positions. */
export interface ResourceSource {
  /** File path as given by the user (or `-` for stdin, `cluster://…` for live objects). */
  file: string;
  /** 0-based index of the document within the file. */
  docIndex: number;
  /** Line of the document's first content line (1-based). */
  line: number;
  column: number;
  /**
   * Resolves a JSON pointer inside this resource to the position of that field, or of its nearest
   * existing parent when the field itself is absent.
   */
  locate(pointer: string): SourceLocation;
}

/** Identity of a resource as shown in reports. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  /** The object's own namespace; null when unset (no default is invented). */
  namespace: string | null;
  name: string;
}

/** One Kubernetes object read from the input. */
export interface Resource extends ResourceRef {
  object: JsonObject;
  source: ResourceSource;
}

/** Codes of input problems. */
export type ProblemCode =
  | 'input/not-found'
  | 'input/empty'
  | 'input/unreadable'
  | 'input/too-large'
  | 'input/binary'
  | 'input/encoding'
  | 'input/parse-error'
  | 'input/alias-limit'
  | 'input/missing-kind'
  | 'input/invalid-object'
  | 'input/missing-api-version'
  | 'input/not-kubernetes'
  | 'input/kustomize-patch'
  | 'input/outside-root'
  | 'input/renderer-missing'
  | 'input/render-failed'
  | 'input/render-remote'
  | 'config/invalid'
  | 'engine/rule-error';

/**
 * Something in the input that could not be scanned. `error` problems make the run exit with code 2;
 * `warning` problems (for example a Helm values file, which is YAML but not Kubernetes) are shown and
 * counted only.
 */
export interface Problem {
  code: ProblemCode;
  level: 'error' | 'warning';
  message: string;
  location: SourceLocation;
}
