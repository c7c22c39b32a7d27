import { writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../base/errors.js';
import { scanUnits } from '../engine/scan.js';
import type { JsonValue, Problem } from '../model/types.js';
import { stripUrlUserInfo } from '../model/url.js';
import {
  makePki,
  removeDir,
  startKubeApiServer,
  writeInsecureKubeconfig,
  writeKubeconfig,
  type KubeApiServer,
  type KubeObject,
  type ServerOptions,
  type TestPki,
} from '../../test/helpers/kube-api-server.js';
import { clusterSource, connectCluster, kindsForRules, listKinds, nestsTooDeep } from './cluster.js';
import { loadText } from './documents.js';

let pki: TestPki;
const servers: KubeApiServer[] = [];

beforeAll(() => {
  pki = makePki();
});

afterAll(async () => {
  for (const s of servers) await s.close();
  if (pki) removeDir(pki.dir);
});

const pod = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'a', ...extra },
  spec: { containers: [{ name: 'c', image: 'c:1', securityContext: { privileged: true } }] },
});
const deployment = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'a', uid: `d-${name}` },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'c', image: 'c:1' }], ...spec },
    },
  },
});

/** `levels` objects nested in one another, `{a: {a: … 'x'}}`. */
function nested(levels: number): JsonValue {
  let value: JsonValue = 'x';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

let count = 0;
/** Starts a server for one test and a kubeconfig (context `t`, token `t`) for it. */
async function serve(
  options: Omit<ServerOptions, 'pki'>,
  server?: string,
): Promise<{ kubeconfig: string; api: KubeApiServer }> {
  const api = await startKubeApiServer({ pki, tokens: { t: 'u' }, ...options });
  servers.push(api);
  const kubeconfig = join(pki.dir, `kubeconfig-${++count}`);
  writeKubeconfig(kubeconfig, server ?? api.url, pki.caCert, { t: { token: 't' } }, 't');
  return { kubeconfig, api };
}

async function listAll(
  kubeconfig: string,
  kinds: string[],
  connect: { requestTimeout?: number; maxResponseBytes?: number } = {},
  list: { pageSize?: number; maxPages?: number } = {},
): Promise<{ names: string[]; problems: Problem[] }> {
  const connection = await connectCluster({ kubeconfig, ...connect });
  const names: string[] = [];
  const problems: Problem[] = [];
  for await (const unit of listKinds(connection, kindsForRules(kinds).kinds, list)) {
    for (const r of unit.resources) names.push(`${r.kind} ${r.name}`);
    for (const p of unit.problems) problems.push(p);
  }
  return { names, problems };
}

const brief = (p: Problem): string => `${p.level} ${p.code} ${p.location.file}: ${p.message}`;

describe('nesting depth of cluster objects', () => {
  it('uses the limit of files: 199 nested objects load from a file and pass, 200 are refused by both', () => {
    const yaml = (levels: number): string => {
      let text = '';
      for (let i = 0; i < levels - 1; i++) text += `${' '.repeat(i)}a:\n`;
      return `${text}${' '.repeat(levels - 1)}a: x\n`;
    };
    const parseErrors = (text: string): string[] =>
      loadText(text, { file: 'f.yaml' })
        .problems.filter((p) => p.code === 'input/parse-error')
        .map((p) => p.message);
    expect(parseErrors(yaml(199))).toEqual([]);
    expect(parseErrors(yaml(200))).toEqual(['YAML syntax error: nesting exceeded maxDepth (200)']);
    expect(nestsTooDeep(nested(199), 200)).toBe(false);
    expect(nestsTooDeep(nested(200), 200)).toBe(true);
    expect(nestsTooDeep([[[[]]]], 4)).toBe(true);
    expect(nestsTooDeep([[[[]]]], 5)).toBe(false);
    expect(nestsTooDeep('x', 1)).toBe(false);
  });

  it('reports an object nested 4,000 levels as invalid at its cluster:// name and scans the others', async () => {
    const { kubeconfig } = await serve({
      objects: [
        deployment('deep', { x: nested(4000) }),
        deployment('fine'),
        // Owned by the deep Deployment: comparing it with the owner's template would recurse 4,000 levels.
        pod('deep-1', {
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'Deployment', name: 'deep', uid: 'd-deep', controller: true },
          ],
        }),
      ],
    });
    const result = await scanUnits(clusterSource({ kubeconfig, ruleKinds: ['workload'] }), {
      only: ['workload/privileged'],
    });
    expect(result.problems.map(brief)).toEqual([
      'error input/invalid-object cluster://t/a/Deployment/deep: Deployment a/deep nests objects and arrays 200 levels deep or more, past the limit files have too; not scanned',
    ]);
    expect(result.problems[0]?.location).toEqual({
      file: 'cluster://t/a/Deployment/deep',
      line: 1,
      column: 1,
    });
    expect(result.resources.map((r) => `${r.kind} ${r.name}`)).toEqual(['Deployment fine', 'Pod deep-1']);
    expect(result.findings.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual([
      'workload/privileged deep-1',
    ]);
  });
});

describe('bounds of the API client', () => {
  // A server that answers the pods list with headers and then one byte every 20 s.
  const drip = (url: URL, res: ServerResponse): boolean => {
    if (url.pathname !== '/api/v1/pods') return false;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
    const timer = setInterval(() => res.write(' '), 20_000);
    res.on('close', () => clearInterval(timer));
    return true;
  };

  it('gives up on an answer not complete within the deadline, and lists the other kinds', async () => {
    const { kubeconfig } = await serve({ objects: [deployment('web')], intercept: drip });
    const { names, problems } = await listAll(kubeconfig, ['Deployment', 'Pod'], { requestTimeout: 300 });
    expect(names).toEqual(['Deployment web']);
    expect(problems.map(brief)).toEqual([
      'error input/unreadable cluster://t/Pod: listing pods in all namespaces failed: the answer was not complete within 300 ms; Pod objects were not scanned',
    ]);
  });

  it('fails the run when the API server sends no answer at all within the deadline', async () => {
    const { kubeconfig, api } = await serve({ objects: [], intercept: () => true });
    await expect(listAll(kubeconfig, ['Pod'], { requestTimeout: 200 })).rejects.toThrow(
      new InputError(
        `cannot reach the API server ${api.url} (context t): no answer within 200 ms (--request-timeout)`,
      ),
    );
  });

  it('refuses an answer larger than the cap, declared or streamed, and keeps the pages read', async () => {
    const big = pod('p2', { annotations: { filler: 'z'.repeat(8000) } });
    const declared = await serve({ objects: [pod('p1'), big] });
    const first = await listAll(declared.kubeconfig, ['Pod'], { maxResponseBytes: 4096 }, { pageSize: 1 });
    expect(first.names).toEqual(['Pod p1']);
    expect(first.problems.map(brief)).toEqual([
      'error input/unreadable cluster://t/Pod: listing pods in all namespaces failed: the answer is larger than the 4096 bytes limit for one response; partial: 1 Pod objects read',
    ]);
    // A body without a length that never ends: reading stops at the cap.
    const endless = await serve({
      objects: [],
      intercept: (url, res) => {
        if (url.pathname !== '/api/v1/pods') return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = `"${'y'.repeat(1022)}",`;
        const more = (): void => {
          if (!res.destroyed && res.write(chunk)) setImmediate(more);
          else if (!res.destroyed) res.once('drain', more);
        };
        res.write('{"items":[');
        more();
        return true;
      },
    });
    const second = await listAll(endless.kubeconfig, ['Pod'], { maxResponseBytes: 1024 * 1024 });
    expect(second.problems.map(brief)).toEqual([
      'error input/unreadable cluster://t/Pod: listing pods in all namespaces failed: the answer is larger than the 1 MiB limit for one response; Pod objects were not scanned',
    ]);
  });

  it('stops when a continue token comes back, and after the page bound', async () => {
    const repeating = await serve({
      objects: [],
      intercept: (url, res) => {
        if (url.pathname !== '/api/v1/pods') return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        const n = url.searchParams.get('continue') === null ? 1 : 2;
        res.end(JSON.stringify({ kind: 'PodList', metadata: { continue: 'same' }, items: [pod(`p${n}`)] }));
        return true;
      },
    });
    const loop = await listAll(repeating.kubeconfig, ['Pod']);
    expect(loop.names).toEqual(['Pod p1', 'Pod p2']);
    expect(loop.problems.map(brief)).toEqual([
      'error input/unreadable cluster://t/Pod: listing pods in all namespaces stopped: the API server sent a continue token it had sent before (page 2); partial: 2 Pod objects read',
    ]);
    expect(repeating.api.requests.map((r) => r.path)).toEqual([
      '/api/v1/pods?limit=500',
      '/api/v1/pods?limit=500&continue=same',
    ]);
    // New tokens for ever: the page bound ends it.
    const endless = await serve({
      objects: [],
      intercept: (url, res) => {
        if (url.pathname !== '/api/v1/pods') return false;
        const n = Number(url.searchParams.get('continue') ?? '0') + 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ kind: 'PodList', metadata: { continue: String(n) }, items: [pod(`p${n}`)] }),
        );
        return true;
      },
    });
    const bounded = await listAll(endless.kubeconfig, ['Pod'], {}, { maxPages: 3 });
    expect(bounded.names).toEqual(['Pod p1', 'Pod p2', 'Pod p3']);
    expect(bounded.problems.map(brief)).toEqual([
      'error input/unreadable cluster://t/Pod: listing pods in all namespaces stopped after 3 pages, as the API server kept sending continue tokens; partial: 3 Pod objects read',
    ]);
    expect(endless.api.requests).toHaveLength(3);
  });

  it('restarts a list once when its continue token expires (410), without reporting an object twice', async () => {
    const expired = (url: URL, res: ServerResponse): void => {
      res.writeHead(410, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          status: 'Failure',
          reason: 'Expired',
          code: 410,
          message: 'The provided continue parameter is too old',
        }),
      );
    };
    let expiredOnce = false;
    const once = await serve({
      objects: ['p1', 'p2', 'p3'].map((n) => pod(n)),
      intercept: (url, res) => {
        if (url.pathname !== '/api/v1/pods' || !url.searchParams.has('continue') || expiredOnce) return false;
        expiredOnce = true;
        expired(url, res);
        return true;
      },
    });
    const restarted = await listAll(once.kubeconfig, ['Pod'], {}, { pageSize: 2 });
    expect(restarted.problems).toEqual([]);
    expect(restarted.names).toEqual(['Pod p1', 'Pod p2', 'Pod p3']);
    const token = encodeURIComponent(Buffer.from('2').toString('base64'));
    expect(once.api.requests.map((r) => `${r.status} ${r.path}`)).toEqual([
      '200 /api/v1/pods?limit=2',
      `410 /api/v1/pods?limit=2&continue=${token}`,
      '200 /api/v1/pods?limit=2',
      `200 /api/v1/pods?limit=2&continue=${token}`,
    ]);
    // Expired again after the restart: what was read is kept and said to be partial.
    const always = await serve({
      objects: ['p1', 'p2', 'p3'].map((n) => pod(n)),
      intercept: (url, res) => {
        if (url.pathname !== '/api/v1/pods' || !url.searchParams.has('continue')) return false;
        expired(url, res);
        return true;
      },
    });
    const partial = await listAll(always.kubeconfig, ['Pod'], {}, { pageSize: 2 });
    expect(partial.names).toEqual(['Pod p1', 'Pod p2']);
    expect(partial.problems.map(brief)).toEqual([
      'error input/unreadable cluster://t/Pod: listing pods in all namespaces failed: the continue token expired again after the list was restarted (HTTP 410: The provided continue parameter is too old); partial: 2 Pod objects read',
    ]);
  });

  it('says "partial" for a failure after the first page instead of "not scanned"', async () => {
    const { kubeconfig } = await serve({
      objects: ['p1', 'p2'].map((n) => pod(n)),
      intercept: (url, res) => {
        if (url.pathname !== '/api/v1/pods' || !url.searchParams.has('continue')) return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('not json');
        return true;
      },
    });
    const { problems } = await listAll(kubeconfig, ['Pod'], {}, { pageSize: 1 });
    expect(problems.map(brief)).toEqual([
      'error input/unreadable cluster://t/Pod: listing pods in all namespaces failed with an answer that is not a JSON list: not json; partial: 1 Pod objects read',
    ]);
  });
});

describe('kubeconfig details', () => {
  it('never prints the user info of a server URL', async () => {
    expect(stripUrlUserInfo('see https://admin:s3cret@10.0.0.1:6443/api and http://u@h/x')).toBe(
      'see https://10.0.0.1:6443/api and http://h/x',
    );
    expect(stripUrlUserInfo('https://10.0.0.1:6443/a?b=c@d')).toBe('https://10.0.0.1:6443/a?b=c@d');
    const { api } = await serve({ objects: [] });
    const port = new URL(api.url).port;
    const kubeconfig = join(pki.dir, 'userinfo-kubeconfig');
    writeKubeconfig(
      kubeconfig,
      `https://admin:s3cret@127.0.0.1:${port}`,
      pki.caCert,
      { t: { token: 'nope' } },
      't',
    );
    const connection = await connectCluster({ kubeconfig });
    expect(connection.server).toBe(`https://127.0.0.1:${port}`);
    await expect(listAll(kubeconfig, ['Pod'])).rejects.toThrow(
      new InputError(
        `the API server https://127.0.0.1:${port} rejected the credentials of context t (401 Unauthorized)`,
      ),
    );
    // Nothing listens on port 1: the connection error names the server without its password.
    writeKubeconfig(kubeconfig, 'https://admin:s3cret@127.0.0.1:1', pki.caCert, { t: { token: 't' } }, 't');
    const message = await listAll(kubeconfig, ['Pod']).then(
      () => '',
      (error: Error) => error.message,
    );
    expect(message).toMatch(/^cannot reach the API server https:\/\/127\.0\.0\.1:1 \(context t\): /);
    expect(message).not.toContain('s3cret');
  });

  it('explains that the legacy oidc auth provider is not supported', async () => {
    const kubeconfig = join(pki.dir, 'oidc-kubeconfig');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: c',
        'clusters: [{name: k, cluster: {server: "https://127.0.0.1:1"}}]',
        'contexts: [{name: c, context: {cluster: k, user: dev}}]',
        'users:',
        '- name: dev',
        '  user:',
        '    auth-provider:',
        '      name: oidc',
        '      config: {client-id: kubernetes, id-token: a.b.c, idp-issuer-url: "https://127.0.0.1:2"}',
        '',
      ].join('\n'),
    );
    await expect(connectCluster({ kubeconfig })).rejects.toThrow(
      new InputError(
        'the user "dev" of context c uses the legacy `auth-provider: oidc`, which kubeward does not support; use an exec credential plugin instead, such as kubelogin (`kubectl oidc-login`, see https://github.com/int128/kubelogin)',
      ),
    );
  });

  it('connects with insecure-skip-tls-verify and returns a warning about it', async () => {
    const { api } = await serve({ objects: [pod('p1')] });
    const kubeconfig = join(pki.dir, 'insecure-kubeconfig');
    writeInsecureKubeconfig(kubeconfig, api.url);
    const connection = await connectCluster({ kubeconfig });
    expect(connection.warnings).toEqual([
      `context c sets insecure-skip-tls-verify: the certificate of the API server ${api.url} is not verified, so anyone on the network path can read the credentials sent and forge what is scanned`,
    ]);
    expect((await listAll(kubeconfig, ['Pod'])).names).toEqual(['Pod p1']);
    // The verified connection has no warning.
    const verified = await serve({ objects: [] });
    expect((await connectCluster({ kubeconfig: verified.kubeconfig })).warnings).toEqual([]);
  });
});
