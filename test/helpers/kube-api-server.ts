import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A tiny Kubernetes API server for tests: HTTPS on 127.0.0.1 with a certificate made at test time, the
 * collection GET endpoints (`/api/v1/pods`, `/apis/apps/v1/namespaces/x/deployments`, …) with
 * `limit`/`continue` paging, bearer-token and client-certificate authentication, and 403 for the lists a
 * test forbids. It serves whatever objects it is given and records every request.
 */

/** Resource names of the kinds the server can serve, by kind (its own table, independent of the loader). */
const PLURALS: Readonly<Record<string, string>> = {
  Namespace: 'namespaces',
  Node: 'nodes',
  Pod: 'pods',
  Service: 'services',
  ServiceAccount: 'serviceaccounts',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  PersistentVolume: 'persistentvolumes',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  ReplicationController: 'replicationcontrollers',
  LimitRange: 'limitranges',
  ResourceQuota: 'resourcequotas',
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Job: 'jobs',
  CronJob: 'cronjobs',
  Role: 'roles',
  RoleBinding: 'rolebindings',
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
  NetworkPolicy: 'networkpolicies',
  Ingress: 'ingresses',
  PodDisruptionBudget: 'poddisruptionbudgets',
  MutatingWebhookConfiguration: 'mutatingwebhookconfigurations',
  ValidatingWebhookConfiguration: 'validatingwebhookconfigurations',
};

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
]);

/** A served object: any JSON object with apiVersion, kind and metadata.name. */
export type KubeObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string } & Record<string, unknown>;
};

/** Certificates made for one server: a CA, the server's certificate, and a client certificate. */
export interface TestPki {
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** The common name in the client certificate, the user it authenticates as. */
  clientUser: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

/** Makes a CA and server/client certificates with the `openssl` command into a temporary directory. */
export function makePki(clientUser = 'cert-user'): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-pki-'));
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '2',
      '-subj',
      '/CN=test-ca',
    ],
    dir,
  );
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=127.0.0.1',
    ],
    dir,
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      '-days',
      '2',
      '-extfile',
      'server.ext',
    ],
    dir,
  );
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'client.key',
      '-out',
      'client.csr',
      '-subj',
      `/CN=${clientUser}/O=testers`,
    ],
    dir,
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'client.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'client.crt',
      '-days',
      '2',
    ],
    dir,
  );
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  return {
    dir,
    caCert: read('ca.crt'),
    serverCert: read('server.crt'),
    serverKey: read('server.key'),
    clientCert: read('client.crt'),
    clientKey: read('client.key'),
    clientUser,
  };
}

/** Who may list what. */
export interface ServerOptions {
  pki: TestPki;
  objects: readonly KubeObject[];
  /** Bearer tokens and the users they authenticate. */
  tokens?: Record<string, string>;
  /** Lists answered with 403: `plural` (every scope) or `plural@namespace`. */
  forbidden?: readonly string[];
  /** Largest page the server returns, whatever `limit` asks (API servers cap it too). */
  maxPage?: number;
  /** API group versions served even without fixture objects (discovery answers 404 for the others). */
  servedApiVersions?: readonly string[];
  /** Answer a list with every object in one page, whatever `limit` asks (as a hostile server may). */
  ignoreLimit?: boolean;
  /**
   * Answers an authenticated GET in place of the server when it returns true: a slow, hostile or broken
   * API server. The request is recorded with the status the hook wrote (0 when it wrote none).
   */
  intercept?: (url: URL, res: ServerResponse) => boolean;
}

/** One request the server answered. */
export interface RecordedRequest {
  path: string;
  user: string | undefined;
  status: number;
}

/** A running test server. */
export interface KubeApiServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code }));
}

/** Starts the server on an ephemeral port of 127.0.0.1. */
export async function startKubeApiServer(options: ServerOptions): Promise<KubeApiServer> {
  const requests: RecordedRequest[] = [];
  // Collections by URL prefix: `/api/v1/pods`, `/apis/apps/v1/deployments`.
  const collections = new Map<string, KubeObject[]>();
  for (const object of options.objects) {
    const plural = PLURALS[object.kind];
    if (!plural) throw new Error(`test server: no plural for kind ${object.kind}`);
    const base = object.apiVersion.includes('/') ? `/apis/${object.apiVersion}` : `/api/${object.apiVersion}`;
    const key = `${base}/${plural}`;
    const list = collections.get(key) ?? [];
    list.push(object);
    collections.set(key, list);
  }
  const forbidden = new Set(options.forbidden ?? []);
  const servedGroupVersions = new Set([
    ...options.objects.map((o) => o.apiVersion).filter((v) => v.includes('/')),
    ...(options.servedApiVersions ?? []),
  ]);
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const record = (code: number, user: string | undefined): void => {
      requests.push({ path: url.pathname + url.search, user, status: code });
    };
    // Authentication: a bearer token, else a client certificate signed by the CA.
    let user: string | undefined;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) user = options.tokens?.[auth.slice(7)];
    else {
      const socket = req.socket as TLSSocket;
      if (socket.authorized) user = socket.getPeerCertificate().subject?.CN as string | undefined;
    }
    if (user === undefined) {
      record(401, undefined);
      return status(res, 401, 'Unauthorized', 'Unauthorized');
    }
    if (req.method !== 'GET') {
      record(405, user);
      return status(res, 405, 'MethodNotAllowed', 'read-only test server');
    }
    if (options.intercept?.(url, res)) {
      record(res.headersSent ? res.statusCode : 0, user);
      return;
    }
    // Discovery: a group version is served when some fixture object uses it (or it is listed as served).
    const discovery = /^\/apis\/([^/]+\/[^/]+)$/.exec(url.pathname);
    if (discovery) {
      const groupVersion = discovery[1] as string;
      if (!servedGroupVersions.has(groupVersion)) {
        record(404, user);
        return status(res, 404, 'NotFound', 'the server could not find the requested resource');
      }
      record(200, user);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'APIResourceList',
          apiVersion: 'v1',
          groupVersion,
          resources: Object.entries(PLURALS).map(([kind, name]) => ({ name, kind, verbs: ['get', 'list'] })),
        }),
      );
      return;
    }
    const m = /^(\/api\/v1|\/apis\/[^/]+\/[^/]+)(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(url.pathname);
    if (!m) {
      record(404, user);
      return status(res, 404, 'NotFound', 'the server could not find the requested resource');
    }
    const [, base, namespace, plural] = m as unknown as [string, string, string | undefined, string];
    if (forbidden.has(plural) || (namespace !== undefined && forbidden.has(`${plural}@${namespace}`))) {
      record(403, user);
      const scope = namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
      return status(
        res,
        403,
        'Forbidden',
        `${plural} is forbidden: User "${user}" cannot list resource "${plural}" in API group "${base.startsWith('/apis/') ? base.split('/')[2] : ''}" ${scope}`,
      );
    }
    const all = collections.get(`${base}/${plural}`);
    const kind = Object.entries(PLURALS).find(([, p]) => p === plural)?.[0];
    if (!kind) {
      record(404, user);
      return status(res, 404, 'NotFound', 'the server could not find the requested resource');
    }
    const items = (all ?? [])
      .filter(
        (o) => CLUSTER_SCOPED.has(o.kind) || namespace === undefined || o.metadata.namespace === namespace,
      )
      .sort((a, b) => {
        const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
        const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
    const asked = Number(url.searchParams.get('limit') ?? '0');
    const cap = options.maxPage ?? 1000;
    const limit = asked > 0 && !options.ignoreLimit ? Math.min(asked, cap) : items.length;
    const cont = url.searchParams.get('continue');
    const start = cont ? Number(Buffer.from(cont, 'base64').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0) {
      record(400, user);
      return status(res, 400, 'BadRequest', 'invalid continue token');
    }
    const page = items.slice(start, start + limit);
    const end = start + page.length;
    const metadata: Record<string, unknown> = { resourceVersion: '1000' };
    if (end < items.length) {
      metadata.continue = Buffer.from(String(end)).toString('base64');
      metadata.remainingItemCount = items.length - end;
    }
    // Like the real server, list items carry neither apiVersion nor kind.
    const body = {
      kind: `${kind}List`,
      apiVersion: base.replace(/^\/apis?\//, ''),
      metadata,
      items: page.map((o) => {
        const item: Record<string, unknown> = { ...o };
        delete item.apiVersion;
        delete item.kind;
        return item;
      }),
    };
    record(200, user);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer(
    {
      key: options.pki.serverKey,
      cert: options.pki.serverCert,
      ca: options.pki.caCert,
      requestCert: true,
      rejectUnauthorized: false,
    },
    handler,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('test server: no port');
  return {
    url: `https://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Credentials for {@link writeKubeconfig}. */
export type KubeconfigUser =
  | { token: string }
  | { clientCert: string; clientKey: string }
  | { exec: { command: string; args: string[] } };

/** Writes a kubeconfig with one context per user (named as given), all pointing at the server. */
export function writeKubeconfig(
  file: string,
  server: string,
  caCert: string,
  users: Record<string, KubeconfigUser>,
  current: string,
): void {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${JSON.stringify(current)}`,
    'clusters:',
    '  - name: test',
    '    cluster:',
    `      server: ${server}`,
    `      certificate-authority-data: ${b64(caCert)}`,
    'contexts:',
  ];
  for (const name of Object.keys(users))
    lines.push(
      `  - name: ${JSON.stringify(name)}`,
      '    context:',
      '      cluster: test',
      `      user: ${JSON.stringify(name)}`,
    );
  lines.push('users:');
  for (const [name, user] of Object.entries(users)) {
    lines.push(`  - name: ${JSON.stringify(name)}`, '    user:');
    if ('token' in user) lines.push(`      token: ${user.token}`);
    else if ('clientCert' in user)
      lines.push(
        `      client-certificate-data: ${b64(user.clientCert)}`,
        `      client-key-data: ${b64(user.clientKey)}`,
      );
    else
      lines.push(
        '      exec:',
        '        apiVersion: client.authentication.k8s.io/v1',
        `        command: ${JSON.stringify(user.exec.command)}`,
        `        args: ${JSON.stringify(user.exec.args)}`,
        '        interactiveMode: Never',
      );
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

/** Removes a temporary directory made by {@link makePki}. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes a kubeconfig whose only context `c` reaches `server` with `insecure-skip-tls-verify: true`. */
export function writeInsecureKubeconfig(file: string, server: string): void {
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: c',
      `clusters: [{name: k, cluster: {server: "${server}", insecure-skip-tls-verify: true}}]`,
      'contexts: [{name: c, context: {cluster: k, user: dev}}]',
      'users: [{name: dev, user: {token: t}}]',
      '',
    ].join('\n'),
  );
}
