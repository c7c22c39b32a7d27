import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { InputError, UsageError } from '../base/errors.js';
import { asArray, asObject, isObject } from '../model/json.js';
import type { JsonObject, JsonValue, Problem, Resource, SourceLocation } from '../model/types.js';
import { stripUrlUserInfo } from '../model/url.js';
import { WORKLOAD_KINDS } from '../model/workload.js';
import { DEFAULT_MAX_DEPTH } from './documents.js';
import type { LoadedUnit, LoadOptions } from './inputs.js';
import { describeYamlError } from '../base/yaml-document.js';

/** A kind the cluster loader can list, with where the API serves it. */
export interface KindInfo {
  kind: string;
  /** `v1`, `apps/v1`, … */
  apiVersion: string;
  /** The resource name in URLs (`pods`, `deployments`). */
  plural: string;
  namespaced: boolean;
  /** A custom resource that many clusters do not have: a 404 is expected and not reported. */
  optional?: boolean;
}

/**
 * The kinds the loader knows, in listing order. Owners come before what they own, so that a Deployment is
 * known when its ReplicaSets and Pods arrive.
 */
export const CLUSTER_KINDS: readonly KindInfo[] = [
  { kind: 'Namespace', apiVersion: 'v1', plural: 'namespaces', namespaced: false },
  { kind: 'Node', apiVersion: 'v1', plural: 'nodes', namespaced: false },
  { kind: 'ServiceAccount', apiVersion: 'v1', plural: 'serviceaccounts', namespaced: true },
  { kind: 'Service', apiVersion: 'v1', plural: 'services', namespaced: true },
  { kind: 'ConfigMap', apiVersion: 'v1', plural: 'configmaps', namespaced: true },
  { kind: 'Secret', apiVersion: 'v1', plural: 'secrets', namespaced: true },
  { kind: 'PersistentVolume', apiVersion: 'v1', plural: 'persistentvolumes', namespaced: false },
  { kind: 'PersistentVolumeClaim', apiVersion: 'v1', plural: 'persistentvolumeclaims', namespaced: true },
  { kind: 'LimitRange', apiVersion: 'v1', plural: 'limitranges', namespaced: true },
  { kind: 'ResourceQuota', apiVersion: 'v1', plural: 'resourcequotas', namespaced: true },
  {
    kind: 'ClusterRole',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    plural: 'clusterroles',
    namespaced: false,
  },
  {
    kind: 'ClusterRoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    plural: 'clusterrolebindings',
    namespaced: false,
  },
  { kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', plural: 'roles', namespaced: true },
  {
    kind: 'RoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    plural: 'rolebindings',
    namespaced: true,
  },
  { kind: 'NetworkPolicy', apiVersion: 'networking.k8s.io/v1', plural: 'networkpolicies', namespaced: true },
  { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', plural: 'ingresses', namespaced: true },
  { kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', plural: 'poddisruptionbudgets', namespaced: true },
  {
    kind: 'MutatingWebhookConfiguration',
    apiVersion: 'admissionregistration.k8s.io/v1',
    plural: 'mutatingwebhookconfigurations',
    namespaced: false,
  },
  {
    kind: 'ValidatingWebhookConfiguration',
    apiVersion: 'admissionregistration.k8s.io/v1',
    plural: 'validatingwebhookconfigurations',
    namespaced: false,
  },
  // Calico policies as its Kubernetes-datastore CRDs store them; absent on clusters without Calico.
  {
    kind: 'NetworkPolicy',
    apiVersion: 'crd.projectcalico.org/v1',
    plural: 'networkpolicies',
    namespaced: true,
    optional: true,
  },
  {
    kind: 'GlobalNetworkPolicy',
    apiVersion: 'crd.projectcalico.org/v1',
    plural: 'globalnetworkpolicies',
    namespaced: false,
    optional: true,
  },
  {
    kind: 'Tier',
    apiVersion: 'crd.projectcalico.org/v1',
    plural: 'tiers',
    namespaced: false,
    optional: true,
  },
  { kind: 'CronJob', apiVersion: 'batch/v1', plural: 'cronjobs', namespaced: true },
  { kind: 'Deployment', apiVersion: 'apps/v1', plural: 'deployments', namespaced: true },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', plural: 'statefulsets', namespaced: true },
  { kind: 'DaemonSet', apiVersion: 'apps/v1', plural: 'daemonsets', namespaced: true },
  { kind: 'ReplicationController', apiVersion: 'v1', plural: 'replicationcontrollers', namespaced: true },
  {
    kind: 'Rollout',
    apiVersion: 'argoproj.io/v1alpha1',
    plural: 'rollouts',
    namespaced: true,
    optional: true,
  },
  { kind: 'ReplicaSet', apiVersion: 'apps/v1', plural: 'replicasets', namespaced: true },
  { kind: 'Job', apiVersion: 'batch/v1', plural: 'jobs', namespaced: true },
  { kind: 'Pod', apiVersion: 'v1', plural: 'pods', namespaced: true },
];

// Secrets are listed only when a rule names the kind: `*` must not pull every credential of the cluster.
const NOT_IN_WILDCARD = new Set(['Secret']);
// Kinds listed after the others because the owner of each must already be known.
const OWNED_PHASE: Readonly<Record<string, number>> = { ReplicaSet: 1, Job: 1, Pod: 2 };

/**
 * The kinds to list for rules that declared `kinds` (`*`, `workload` or kind names), in listing order, and
 * the declared kind names the loader does not know.
 */
export function kindsForRules(declared: readonly string[]): { kinds: KindInfo[]; unknown: string[] } {
  const wanted = new Set<KindInfo>();
  const unknown: string[] = [];
  for (const name of declared) {
    if (name === '*') CLUSTER_KINDS.filter((k) => !NOT_IN_WILDCARD.has(k.kind)).forEach((k) => wanted.add(k));
    else if (name === 'workload')
      CLUSTER_KINDS.filter((k) => WORKLOAD_KINDS.includes(k.kind)).forEach((k) => wanted.add(k));
    else {
      const known = CLUSTER_KINDS.filter((k) => k.kind === name);
      if (known.length === 0) {
        if (!unknown.includes(name)) unknown.push(name);
      } else known.forEach((k) => wanted.add(k));
    }
  }
  return { kinds: CLUSTER_KINDS.filter((k) => wanted.has(k)), unknown: unknown.sort() };
}

/** How to reach the cluster. */
export interface ClusterConnectOptions {
  /** A kubeconfig file; otherwise `$KUBECONFIG`, `~/.kube/config`, then the in-cluster service account. */
  kubeconfig?: string;
  /** A context of the kubeconfig; otherwise its current context. */
  context?: string;
  /**
   * Milliseconds one response may take, from the request to the last byte of its body; 0 for no limit.
   * @default 120000
   */
  requestTimeout?: number;
  /** Largest response body read, in bytes; a larger answer is not read. @default 268435456 (256 MiB) */
  maxResponseBytes?: number;
}

/** Default of {@link ClusterConnectOptions.requestTimeout}: 120 s. */
export const DEFAULT_REQUEST_TIMEOUT = 120_000;
/** Default of {@link ClusterConnectOptions.maxResponseBytes}: 256 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/** A response of the API server. */
export interface ApiResponse {
  status: number;
  body: string;
}

/**
 * Why a request that reached the API server gave no usable answer: the whole response took longer than the
 * deadline (`deadline`), or its body is larger than the cap (`too-large`). The kind being listed is reported
 * as not (completely) read; the other kinds are still listed. A server that does not answer at all is a
 * plain error instead, as nothing can be read from it.
 */
export class ApiResponseError extends Error {
  constructor(
    message: string,
    readonly reason: 'deadline' | 'too-large',
  ) {
    super(message);
    this.name = 'ApiResponseError';
  }
}

/** An authenticated connection to one cluster: the context name and a GET function. */
export interface ClusterConnection {
  /** The kubeconfig context (`inClusterContext` inside a pod). */
  context: string;
  /** The API server URL as shown in messages: without any `user:password@`. */
  server: string;
  /** What the user should know about the connection (TLS verification turned off), one line each. */
  warnings?: readonly string[];
  /**
   * GETs a path (with query) from the API server. Rejects with an {@link ApiResponseError} when the answer
   * is too slow or too large, with another error when the server cannot be reached.
   */
  get(path: string): Promise<ApiResponse>;
}

/**
 * Why a kubeconfig could not be loaded, without quoting the file: YAML parser messages carry a snippet of
 * the source, and a kubeconfig's neighbouring lines are tokens and private keys.
 */
export function kubeconfigErrorReason(error: unknown): string {
  const e = error as { mark?: { line?: unknown }; message?: unknown };
  // The reason can quote the offending token (a password written `!…` is an unknown tag): kind only.
  const yaml = e.mark && typeof e.mark.line === 'number' ? describeYamlError(error) : undefined;
  if (yaml) return `invalid YAML at line ${yaml.line + 1}, column ${yaml.column + 1}: ${yaml.message}`;
  // Any other message is cut to its first line, where no snippet can be.
  return stripUrlUserInfo(String(e.message ?? error).split('\n')[0] ?? 'unknown error');
}

/** `120 s`, `1.5 s`, `250 ms`: a duration in milliseconds for messages. */
function seconds(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

/** `256 MiB`, `4096 bytes`: a size for messages. */
function mebibytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/**
 * Connects through `@kubernetes/client-node`'s KubeConfig, which handles contexts, bearer tokens, client
 * certificates, exec credential plugins (as `aws eks get-token`), proxies and the in-cluster service
 * account. The library is imported here, so that commands that never touch a cluster do not load it.
 * Objects are read as raw JSON rather than through the typed API classes, which would drop fields they do
 * not model and turn timestamps into Date objects.
 *
 * Every response is bounded: it must be complete within `requestTimeout` and its body no larger than
 * `maxResponseBytes`, so a hostile or broken API server can neither hang a run nor exhaust its memory.
 */
export async function connectCluster(options: ClusterConnectOptions = {}): Promise<ClusterConnection> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  try {
    if (options.kubeconfig !== undefined) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
  } catch (error) {
    const where = options.kubeconfig ?? process.env.KUBECONFIG ?? '~/.kube/config';
    throw new InputError(`cannot read kubeconfig ${where}: ${kubeconfigErrorReason(error)}`);
  }
  if (options.context !== undefined) {
    if (!kc.getContextObject(options.context)) {
      const names = kc
        .getContexts()
        .map((c) => c.name)
        .sort();
      throw new UsageError(
        `--context: no context "${options.context}" in the kubeconfig (contexts: ${names.join(', ') || 'none'})`,
      );
    }
    kc.setCurrentContext(options.context);
  }
  const context = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  // Without any configuration the library falls back to an unauthenticated localhost:8080.
  if (!cluster || (context === 'loaded-context' && cluster.server === 'http://localhost:8080')) {
    throw new UsageError(
      'no cluster configured: pass --kubeconfig, set KUBECONFIG, create ~/.kube/config, or run inside a pod',
    );
  }
  const user = kc.getCurrentUser();
  // The legacy OIDC provider would refresh tokens against the issuer named in the kubeconfig and fails with
  // an unrelated TypeError in the client library; kubectl itself replaced it with exec plugins.
  if (user?.authProvider?.name === 'oidc')
    throw new InputError(
      `the user "${user.name}" of context ${context} uses the legacy \`auth-provider: oidc\`, which kubeward does not support; use an exec credential plugin instead, such as kubelogin (\`kubectl oidc-login\`, see https://github.com/int128/kubelogin)`,
    );
  const target = cluster.server.replace(/\/+$/, '');
  const server = stripUrlUserInfo(target);
  const warnings: string[] = [];
  if (cluster.skipTLSVerify)
    warnings.push(
      `context ${context} sets insecure-skip-tls-verify: the certificate of the API server ${server} is not verified, so anyone on the network path can read the credentials sent and forge what is scanned`,
    );
  // setTimeout fires at once for delays past 2^31 - 1 ms (24.8 days); longer is as good as no deadline.
  const timeout = Math.min(options.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT, 2 ** 31 - 1);
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const get = async (path: string): Promise<ApiResponse> => {
    const opts: RequestOptions & { headers?: Record<string, string> } = {};
    // Applied per request: exec plugins and token files refresh credentials that expire.
    await kc.applyToHTTPSOptions(opts);
    const url = new URL(target + path);
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    if (url.protocol === 'http:') delete opts.agent;
    return new Promise<ApiResponse>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const settle = (done: () => void): void => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        done();
      };
      let answered = false;
      const req = send(
        url,
        { ...opts, method: 'GET', headers: { ...opts.headers, Accept: 'application/json' } },
        (res: IncomingMessage) => {
          answered = true;
          const tooLarge = (): void => {
            settle(() =>
              reject(
                new ApiResponseError(
                  `the answer is larger than the ${mebibytes(maxBytes)} limit for one response`,
                  'too-large',
                ),
              ),
            );
            req.destroy();
          };
          // A declared length over the cap is refused before a byte of the body is read.
          if (Number(res.headers['content-length'] ?? 0) > maxBytes) return tooLarge();
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > maxBytes) return tooLarge();
            chunks.push(c);
          });
          res.on('end', () =>
            settle(() =>
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
            ),
          );
          res.on('error', (error) => settle(() => reject(error)));
        },
      );
      req.on('error', (error) => settle(() => reject(error)));
      // One deadline for the whole response, not an idle timeout: a server that sends a byte now and then
      // would keep an idle timer from ever firing.
      if (timeout > 0)
        timer = setTimeout(() => {
          settle(() =>
            reject(
              answered
                ? new ApiResponseError(`the answer was not complete within ${seconds(timeout)}`, 'deadline')
                : new Error(`no answer within ${seconds(timeout)} (--request-timeout)`),
            ),
          );
          req.destroy();
        }, timeout);
      req.end();
    });
  };
  return { context, server, warnings, get };
}

/** Progress of a listing, for a progress bar. */
export interface ClusterProgress {
  /** Requests made so far. */
  requests: number;
  /** Objects received so far. */
  objects: number;
  /** Kinds completely listed, of all kinds to list. */
  kindsDone: number;
  kinds: number;
}

/** How to list. */
export interface ListOptions {
  /** Only this namespace for namespaced kinds (cluster-scoped kinds are still listed); all when unset. */
  namespace?: string;
  /** Objects per page (`limit`). @default 500 */
  pageSize?: number;
  /** Requests in flight at most. @default 4 */
  concurrency?: number;
  /** Report each controller-owned object once, at its owner (see {@link listKinds}). @default true */
  foldOwned?: boolean;
  /**
   * Objects and arrays nested this deep or deeper make an object `input/invalid-object` instead of a
   * resource: the limit files have (see {@link DEFAULT_MAX_DEPTH}).
   */
  maxDepth?: number;
  /** Pages listed per kind at most; a server that keeps sending continue tokens is stopped. @default 10000 */
  maxPages?: number;
  onProgress?: (progress: ClusterProgress) => void;
  /** Called with every reported object and its cluster:// file (kubesec output). */
  onDocument?: (value: JsonValue, file: string) => void;
}

/** Statistics of one listing, filled while it runs. */
export interface ListStats {
  requests: number;
  objects: number;
  /** Objects not reported because their owner stands for them. */
  folded: number;
}

function escapeSegment(s: string): string {
  return s.replace(/%/g, '%25').replace(/\//g, '%2F');
}

/**
 * The file name of a cluster object: `cluster://<context>/<namespace>/<kind>/<name>`, without the namespace
 * segment for cluster-scoped objects. `/` and `%` inside a segment are percent-encoded (EKS context names
 * are ARNs that hold a `/`).
 */
export function clusterFile(context: string, kind: string, namespace: string | null, name: string): string {
  const ns = namespace === null ? '' : `${escapeSegment(namespace)}/`;
  return `cluster://${escapeSegment(context)}/${ns}${kind}/${escapeSegment(name)}`;
}

function kindFile(context: string, info: KindInfo, namespace: string | undefined): string {
  const ns = info.namespaced && namespace !== undefined ? `${escapeSegment(namespace)}/` : '';
  return `cluster://${escapeSegment(context)}/${ns}${info.kind}`;
}

function listPath(info: KindInfo, namespace: string | undefined): string {
  const base = info.apiVersion.includes('/') ? `/apis/${info.apiVersion}` : `/api/${info.apiVersion}`;
  const ns = info.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${info.plural}`;
}

function groupOf(info: KindInfo): string {
  const slash = info.apiVersion.indexOf('/');
  return slash === -1 ? '' : info.apiVersion.slice(0, slash);
}

/** Removes what the API server adds and no rule judges: managed fields, status, last-applied copies. */
export function cleanObject(object: JsonObject): JsonObject {
  const out: JsonObject = { ...object };
  delete out.status;
  const metadata = asObject(out.metadata);
  if (metadata) {
    const meta: JsonObject = { ...metadata };
    delete meta.managedFields;
    const annotations = asObject(meta.annotations);
    // kubectl's last-applied copy repeats the object (a Secret's data included) and would be judged twice.
    if (annotations && 'kubectl.kubernetes.io/last-applied-configuration' in annotations) {
      const kept: JsonObject = { ...annotations };
      delete kept['kubectl.kubernetes.io/last-applied-configuration'];
      meta.annotations = kept;
    }
    out.metadata = meta;
  }
  return out;
}

function controllerOf(object: JsonObject): { kind: string; uid: string } | undefined {
  for (const raw of asArray(asObject(object.metadata)?.ownerReferences)) {
    const ref = asObject(raw);
    if (ref?.controller === true && typeof ref.uid === 'string' && typeof ref.kind === 'string')
      return { kind: ref.kind, uid: ref.uid };
  }
  return undefined;
}

function uidOf(object: JsonObject): string | undefined {
  const uid = asObject(object.metadata)?.uid;
  return typeof uid === 'string' ? uid : undefined;
}

// Fields the API server or its admission plugins add to a pod and not to its template: scheduling results,
// the service-account token volume, default tolerations, priority, the hostname of StatefulSet pods, and
// the deprecated alias of serviceAccountName. serviceAccountName itself is compared with its default filled
// in (the ServiceAccount admission plugin writes `default` into every pod that names none), and container
// `resources` are not compared (LimitRanger writes a namespace's default requests and limits into pods only,
// and the vertical pod autoscaler rewrites them).
const POD_ONLY_FIELDS = [
  'nodeName',
  'serviceAccount',
  'tolerations',
  'priority',
  'preemptionPolicy',
  'enableServiceLinks',
  'schedulerName',
  'affinity',
  'hostname',
  'subdomain',
  'overhead',
  'imagePullSecrets',
];
const TOKEN_VOLUME = /^kube-api-access-/;

function canonical(value: JsonValue | undefined): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

/**
 * A pod spec reduced to what its owner's template decides, as a canonical string: two equal strings mean the
 * pod is what the template makes.
 */
export function templateKey(spec: JsonObject | undefined): string {
  if (!spec) return '';
  const reduced: JsonObject = {};
  for (const [k, v] of Object.entries(spec)) if (!POD_ONLY_FIELDS.includes(k)) reduced[k] = v;
  reduced.serviceAccountName =
    typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== ''
      ? spec.serviceAccountName
      : typeof spec.serviceAccount === 'string' && spec.serviceAccount !== ''
        ? spec.serviceAccount
        : 'default';
  reduced.volumes = asArray(spec.volumes).filter(
    (v) => !(isObject(v) && typeof v.name === 'string' && TOKEN_VOLUME.test(v.name)),
  );
  for (const list of ['initContainers', 'containers']) {
    if (!Array.isArray(spec[list])) continue;
    reduced[list] = asArray(spec[list]).map((raw) => {
      const c = asObject(raw);
      if (!c) return raw;
      const mounts = asArray(c.volumeMounts).filter(
        (m) => !(isObject(m) && typeof m.name === 'string' && TOKEN_VOLUME.test(m.name)),
      );
      const rest: JsonObject = { ...c };
      delete rest.volumeMounts;
      delete rest.resources;
      if (mounts.length > 0) rest.volumeMounts = mounts;
      return rest;
    });
  }
  if (asArray(reduced.volumes).length === 0) delete reduced.volumes;
  return canonical(reduced);
}

function templateSpecOf(kind: string, object: JsonObject): JsonObject | undefined {
  const spec = asObject(object.spec);
  if (kind === 'CronJob')
    return asObject(asObject(asObject(asObject(spec?.jobTemplate)?.spec)?.template)?.spec);
  return asObject(asObject(spec?.template)?.spec);
}

/** A bounded queue between the requests in flight and the consumer, so memory stays bounded. */
class Channel<T> {
  private readonly items: T[] = [];
  private readonly takers: ((v: IteratorResult<T>) => void)[] = [];
  private readonly givers: (() => void)[] = [];
  private closed = false;
  constructor(private readonly capacity: number) {}

  async push(item: T): Promise<void> {
    const taker = this.takers.shift();
    if (taker) return taker({ value: item, done: false });
    this.items.push(item);
    if (this.items.length > this.capacity) await new Promise<void>((r) => this.givers.push(r));
  }

  close(): void {
    this.closed = true;
    for (const t of this.takers.splice(0)) t({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.items.shift();
    if (item !== undefined) {
      this.givers.shift()?.();
      return Promise.resolve({ value: item, done: false });
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((r) => this.takers.push(r));
  }
}

function problem(
  file: string,
  level: Problem['level'],
  message: string,
  code: Problem['code'] = 'input/unreadable',
): Problem {
  return { code, level, message: stripUrlUserInfo(message), location: { file, line: 1, column: 1 } };
}

/**
 * True when objects and arrays nest `limit` deep or deeper in a value (a top-level object is depth 1): the
 * YAML decoder stops files at the same depth. Iterative, as the point is values too deep to recurse into.
 */
export function nestsTooDeep(value: JsonValue, limit: number): boolean {
  const stack: [JsonValue, number][] = [[value, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

function statusMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as JsonValue;
    const message = asObject(parsed)?.message;
    if (typeof message === 'string') return message;
  } catch {
    // Not a Status object; fall through to the raw text.
  }
  return body.trim().slice(0, 200);
}

/**
 * Lists kinds from a cluster and yields one unit per page of objects, each object a {@link Resource} at
 * `cluster://<context>/<namespace>/<kind>/<name>` whose locations are line 1, column 1 of that name (the
 * JSON pointer stays exact). Pages are requested with `limit`/`continue`; a few kinds are listed at once.
 *
 * A forbidden list (403) becomes an error problem naming the missing permission, a kind the cluster does not
 * serve (404) a warning; both leave the other kinds listed. Credentials rejected (401) or an unreachable API
 * server throw an {@link InputError}, as nothing could be read.
 *
 * With `foldOwned`, an object whose controller was listed in the same run is reported once, at the owner: a
 * ReplicaSet of a Deployment and a Job of a CronJob are not reported; a Pod is not reported when its spec is
 * what its owner's template makes (ignoring what the API server adds to every pod), and is reported when it
 * differs (an injected sidecar, an ephemeral container, a changed image).
 */
export async function* listKinds(
  connection: ClusterConnection,
  kinds: readonly KindInfo[],
  options: ListOptions = {},
  stats: ListStats = { requests: 0, objects: 0, folded: 0 },
): AsyncGenerator<LoadedUnit, void, undefined> {
  const pageSize = options.pageSize ?? 500;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const fold = options.foldOwned ?? true;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxPages = Math.max(1, options.maxPages ?? 10_000);
  const namespace = options.namespace;
  // uid → canonical template of every listed owner; uid of owners that are themselves folded.
  const templates = new Map<string, string>();
  const owners = new Set<string>();
  const channel = new Channel<LoadedUnit>(concurrency);
  let kindsDone = 0;
  const progress = (): void =>
    options.onProgress?.({
      requests: stats.requests,
      objects: stats.objects,
      kindsDone,
      kinds: kinds.length,
    });

  const toResource = (info: KindInfo, raw: JsonObject): Resource | undefined => {
    const object = cleanObject({ apiVersion: info.apiVersion, kind: info.kind, ...raw });
    // Items of a list carry no apiVersion/kind of their own on most servers; the list's kind is the truth.
    object.apiVersion = info.apiVersion;
    object.kind = info.kind;
    const metadata = asObject(object.metadata);
    const name = typeof metadata?.name === 'string' ? metadata.name : '';
    const ns = info.namespaced && typeof metadata?.namespace === 'string' ? metadata.namespace : null;
    const uid = uidOf(object);
    const owner = controllerOf(object);
    if (uid !== undefined && WORKLOAD_KINDS.includes(info.kind) && info.kind !== 'Pod') {
      templates.set(uid, templateKey(templateSpecOf(info.kind, object)));
      owners.add(uid);
    }
    if (fold && owner && owners.has(owner.uid)) {
      if (info.kind !== 'Pod') return undefined;
      if (templates.get(owner.uid) === templateKey(asObject(object.spec))) return undefined;
    }
    const file = clusterFile(connection.context, info.kind, ns, name);
    const at: SourceLocation = { file, line: 1, column: 1 };
    options.onDocument?.(object, file);
    return {
      apiVersion: info.apiVersion,
      kind: info.kind,
      namespace: ns,
      name,
      object,
      source: { file, docIndex: 0, line: 1, column: 1, locate: () => at },
    };
  };

  // One discovery request per group version, shared by the kinds in it (Calico has three).
  const discovered = new Map<string, Promise<ReadonlySet<string> | undefined>>();
  const discover = (apiVersion: string): Promise<ReadonlySet<string> | undefined> => {
    let pending = discovered.get(apiVersion);
    if (!pending) {
      pending = (async () => {
        stats.requests++;
        let response: ApiResponse;
        try {
          response = await connection.get(`/apis/${apiVersion}`);
        } catch {
          return undefined;
        }
        // Only a 404 says the group is not served; anything else is left to the list request to report.
        if (response.status === 404) return new Set<string>();
        if (response.status !== 200) return undefined;
        try {
          const list = asObject(JSON.parse(response.body) as JsonValue);
          return new Set(asArray(list?.resources).map((r) => String(asObject(r)?.name ?? '')));
        } catch {
          return undefined;
        }
      })();
      discovered.set(apiVersion, pending);
    }
    return pending;
  };
  /** False only when discovery positively says the kind is not served; unknown means "try the list". */
  const serves = async (info: KindInfo): Promise<boolean> => {
    const resources = await discover(info.apiVersion);
    return resources === undefined || resources.has(info.plural);
  };

  const listOne = async (info: KindInfo): Promise<void> => {
    const file = kindFile(connection.context, info, namespace);
    const where = info.namespaced
      ? namespace !== undefined
        ? `in namespace "${namespace}"`
        : 'in all namespaces'
      : 'at cluster scope';
    const group = groupOf(info);
    // An optional kind (a CRD such as Calico's or Argo's) is listed only when discovery says the cluster
    // serves it: the API server authorizes a list before it routes it, so credentials without a grant for
    // an API group the cluster does not even have would get a 403 instead of a harmless 404.
    if (info.optional && !(await serves(info))) return;
    // Objects of this kind read so far, by namespace/name: a list restarted after its continue token
    // expired skips them, so that no object is reported twice.
    const seen = new Set<string>();
    // What a failure means for the kind: nothing of it was scanned, or only the pages read before it.
    const outcome = (): string =>
      seen.size === 0
        ? `${info.kind} objects were not scanned`
        : `partial: ${seen.size} ${info.kind} objects read`;
    const fail = (level: Problem['level'], message: string): Promise<void> =>
      channel.push({ file, resources: [], documents: 0, problems: [problem(file, level, message)] });
    let token: string | undefined;
    // Continue tokens of this listing: one that comes back would loop for ever.
    const tokens = new Set<string>();
    let restarted = false;
    let retries = 0;
    for (let page = 1; ; page++) {
      if (page > maxPages)
        return fail(
          'error',
          `listing ${info.plural} ${where} stopped after ${maxPages} pages, as the API server kept sending continue tokens; ${outcome()}`,
        );
      const query = `?limit=${pageSize}${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
      let response: ApiResponse;
      try {
        stats.requests++;
        response = await connection.get(listPath(info, namespace) + query);
      } catch (error) {
        if (error instanceof ApiResponseError)
          return fail('error', `listing ${info.plural} ${where} failed: ${error.message}; ${outcome()}`);
        throw new InputError(
          stripUrlUserInfo(
            `cannot reach the API server ${connection.server} (context ${connection.context}): ${(error as Error).message}`,
          ),
        );
      }
      progress();
      if (response.status === 401)
        throw new InputError(
          stripUrlUserInfo(
            `the API server ${connection.server} rejected the credentials of context ${connection.context} (401 Unauthorized)`,
          ),
        );
      if ((response.status === 429 || response.status >= 500) && retries < 3) {
        retries++;
        page--;
        await new Promise((r) => setTimeout(r, 200 * 2 ** retries));
        continue;
      }
      // 410 Gone on a later page: the continue token expired (the API server keeps a list's snapshot for a
      // few minutes). The list is read again from the start, once, as client-go's pager does.
      if (response.status === 410 && token !== undefined) {
        if (restarted)
          return fail(
            'error',
            `listing ${info.plural} ${where} failed: the continue token expired again after the list was restarted (HTTP 410: ${statusMessage(response.body)}); ${outcome()}`,
          );
        restarted = true;
        token = undefined;
        tokens.clear();
        continue;
      }
      if (response.status === 403) {
        const scope =
          info.namespaced && namespace !== undefined ? `in namespace "${namespace}"` : 'cluster-wide';
        return fail(
          'error',
          `forbidden: cannot list ${info.plural} ${where}; missing RBAC permission: list ${info.plural} (API group "${group}") ${scope}; ${outcome()} (${statusMessage(response.body)})`,
        );
      }
      if (response.status === 404) {
        if (info.optional) return;
        return fail(
          'warning',
          seen.size === 0
            ? `the cluster does not serve ${info.plural} in ${info.apiVersion} (404); ${info.kind} objects were not listed`
            : `listing ${info.plural} ${where} failed with HTTP 404: ${statusMessage(response.body)}; ${outcome()}`,
        );
      }
      let list: JsonObject | undefined;
      if (response.status === 200) {
        try {
          list = asObject(JSON.parse(response.body) as JsonValue);
        } catch {
          list = undefined;
        }
      }
      if (!list) {
        const what =
          response.status === 200 ? 'an answer that is not a JSON list' : `HTTP ${response.status}`;
        return fail(
          'error',
          `listing ${info.plural} ${where} failed with ${what}: ${statusMessage(response.body)}; ${outcome()}`,
        );
      }
      const items = asArray(list.items).filter(isObject);
      const resources: Resource[] = [];
      const problems: Problem[] = [];
      let documents = 0;
      for (const item of items) {
        const metadata = asObject(item.metadata);
        const name = typeof metadata?.name === 'string' ? metadata.name : '';
        const ns = info.namespaced && typeof metadata?.namespace === 'string' ? metadata.namespace : null;
        const key = `${ns ?? ''}/${name}`;
        // Read before the list was restarted.
        if (restarted && seen.has(key)) continue;
        seen.add(key);
        documents++;
        // Checked before anything walks the object (rules, owner templates and the snapshot recurse), on
        // what is kept of it: the same object in a snapshot file meets the same limit.
        if (nestsTooDeep(cleanObject(item), maxDepth)) {
          problems.push(
            problem(
              clusterFile(connection.context, info.kind, ns, name),
              'error',
              `${info.kind} ${ns === null ? '' : `${ns}/`}${name} nests objects and arrays ${maxDepth} levels deep or more, past the limit files have too; not scanned`,
              'input/invalid-object',
            ),
          );
          continue;
        }
        const resource = toResource(info, item);
        if (resource) resources.push(resource);
        else stats.folded++;
      }
      stats.objects += documents;
      progress();
      await channel.push({ file, resources, problems, documents });
      const next = asObject(list.metadata)?.continue;
      if (typeof next !== 'string' || next === '') return;
      if (tokens.has(next) || next === token)
        return fail(
          'error',
          `listing ${info.plural} ${where} stopped: the API server sent a continue token it had sent before (page ${page}); ${outcome()}`,
        );
      tokens.add(next);
      token = next;
      retries = 0;
    }
  };

  // Phases: owners, then the ReplicaSets and Jobs they own, then Pods; within a phase, `concurrency` kinds
  // are listed at once.
  const phases = [0, 1, 2].map((p) => kinds.filter((k) => (OWNED_PHASE[k.kind] ?? 0) === p));
  let failure: unknown;
  const run = (async () => {
    try {
      for (const phase of phases) {
        const queue = [...phase];
        const worker = async (): Promise<void> => {
          for (let info = queue.shift(); info; info = queue.shift()) {
            await listOne(info);
            kindsDone++;
            progress();
          }
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
      }
    } catch (error) {
      failure = error;
    } finally {
      channel.close();
    }
  })();
  for (;;) {
    const next = await channel.next();
    if (next.done) break;
    yield next.value;
  }
  await run;
  if (failure !== undefined) throw failure;
}

/** Options of {@link clusterSource}: connection, listing, and the kinds the selected rules need. */
export interface ClusterSourceOptions extends ClusterConnectOptions, Omit<ListOptions, 'onDocument'> {
  /** Kinds as rules declare them (`*`, `workload`, kind names). */
  ruleKinds: readonly string[];
  /** Filled while listing. */
  stats?: ListStats;
  /** Called once connected, with the context used (the current one when none was asked for). */
  onConnected?: (connection: ClusterConnection) => void;
}

/**
 * A source for `scanUnits`: connects, lists the kinds the rules need, and reports declared kinds the loader
 * does not know as a warning.
 */
export function clusterSource(
  options: ClusterSourceOptions,
): (load: LoadOptions) => AsyncIterable<LoadedUnit> {
  return async function* (load: LoadOptions): AsyncGenerator<LoadedUnit> {
    const connection = await connectCluster(options);
    options.onConnected?.(connection);
    const { kinds, unknown } = kindsForRules(options.ruleKinds);
    if (unknown.length > 0) {
      const file = `cluster://${escapeSegment(connection.context)}`;
      yield {
        file,
        resources: [],
        documents: 0,
        problems: [
          problem(
            file,
            'warning',
            `kinds not known to the cluster loader were not listed: ${unknown.join(', ')}`,
          ),
        ],
      };
    }
    yield* listKinds(
      connection,
      kinds,
      { ...options, ...(load.onDocument ? { onDocument: load.onDocument } : {}) },
      options.stats,
    );
  };
}
