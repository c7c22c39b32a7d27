import type { ContainerView, WorkloadView } from './workload.js';

/**
 * A container image reference split into its parts, following the Docker/OCI reference grammar
 * `[registry[:port]/]path[:tag][@digest]`.
 */
export interface ImageReference {
  /** The reference as written. */
  raw: string;
  /** Registry host (with port when given), when the first path component names one. */
  registry?: string;
  /** Repository path without registry, tag or digest. */
  repository: string;
  /** Tag as written; absent when the reference has none. */
  tag?: string;
  /** Digest (`algorithm:hex`) as written; absent when the reference has none. */
  digest?: string;
}

/** The tag a runtime pulls when a reference has neither tag nor digest. */
export const DEFAULT_TAG = 'latest';

// Template placeholders (Helm, Kustomize vars, envsubst) leave the reference unknown until rendering; judging
// them would report on text that is not what will run.
const UNRESOLVED = /\{\{|\$\{|\$\(/;

/**
 * Parses an image reference, or returns undefined when the text is empty, contains whitespace, or still holds
 * a template placeholder.
 */
export function parseImage(raw: string): ImageReference | undefined {
  const text = raw.trim();
  if (text === '' || /\s/.test(text) || UNRESOLVED.test(text)) return undefined;
  let name = text;
  let digest: string | undefined;
  const at = name.indexOf('@');
  if (at !== -1) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
  }
  let tag: string | undefined;
  // A colon after the last slash separates the tag; one before it belongs to a registry port (`host:5000/x`).
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  let registry: string | undefined;
  const slash = name.indexOf('/');
  if (slash !== -1) {
    const first = name.slice(0, slash);
    // Same rule as the Docker CLI: the first component is a registry when it looks like a host.
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      name = name.slice(slash + 1);
    }
  }
  const ref: ImageReference = { raw, repository: name };
  if (registry !== undefined) ref.registry = registry;
  if (tag !== undefined && tag !== '') ref.tag = tag;
  if (digest !== undefined && digest !== '') ref.digest = digest;
  return ref;
}

/** True when the reference is pinned by digest, so the tag (if any) no longer decides what runs. */
export function isDigestPinned(ref: ImageReference): boolean {
  return ref.digest !== undefined;
}

/**
 * The tag Kubernetes sees: the written tag, `latest` when there is neither tag nor digest, and undefined for a
 * digest-only reference (as `parsers.ParseImageName` in Kubernetes does).
 */
export function effectiveTag(ref: ImageReference): string | undefined {
  if (ref.tag !== undefined) return ref.tag;
  return ref.digest === undefined ? DEFAULT_TAG : undefined;
}

/** True when what the reference resolves to can change over time: no digest and a `latest` or missing tag. */
export function isMutableReference(ref: ImageReference): boolean {
  return ref.digest === undefined && effectiveTag(ref) === DEFAULT_TAG;
}

/** Image pull policies of a container. */
export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/**
 * The policy the API server fills in when `imagePullPolicy` is omitted: `Always` when the effective tag is
 * `latest` (including an untagged reference), otherwise `IfNotPresent`.
 */
export function defaultPullPolicy(ref: ImageReference): PullPolicy {
  return effectiveTag(ref) === DEFAULT_TAG ? 'Always' : 'IfNotPresent';
}

/** A container whose `image` is a reference {@link parseImage} could parse. */
export interface ContainerImage {
  container: ContainerView;
  /** `image` as written. */
  image: string;
  ref: ImageReference;
}

/**
 * Every container of the workload (init, regular, ephemeral) with its parsed image reference; containers
 * whose `image` is missing, not a string or unparseable (see {@link parseImage}) are left out.
 *
 * @param workload - the workload view, if any
 */
export function containerImages(workload: WorkloadView | undefined): ContainerImage[] {
  return (workload?.containers ?? []).flatMap((container) => {
    const image = container.spec.image;
    if (typeof image !== 'string') return [];
    const ref = parseImage(image);
    return ref ? [{ container, image, ref }] : [];
  });
}
