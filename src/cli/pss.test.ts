import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../test/helpers/cli.js';
import { guardSpreadArguments } from '../../test/helpers/spread.js';

afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), 'kubeward-pss-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const BARE_POD = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: team-a }
spec:
  containers:
    - name: app
      image: nginx:1.27
`;

const BARE_POD_DOC = `---\n${BARE_POD}`;

const HARDENED_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: team-b }
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: api
          image: api:1
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
`;

const RESTRICTED_DETAIL =
  'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), ' +
  'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), ' +
  'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), ' +
  'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")';

describe('kubeward pss', () => {
  const manifests = file('two.yaml', `${BARE_POD}---\n${HARDENED_DEPLOYMENT}`);

  it('prints the API server wording per resource and exits 1 when one is not allowed', async () => {
    const r = await run('pss', manifests, '--level', 'restricted', '--version', 'latest');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `${manifests}:1 Pod team-a/web: would violate PodSecurity "restricted:latest": ${RESTRICTED_DETAIL}\n` +
        `${manifests}:9 Deployment team-b/api: allowed by PodSecurity "restricted:latest"\n` +
        '2 pod-bearing resources checked against PodSecurity "restricted:latest": 1 allowed, 1 not allowed\n',
    );
    expect(r.stderr).toBe('');
  });

  it('exits 0 when every resource is allowed, and versions before a check existed skip it', async () => {
    const r = await run('pss', manifests, '--level', 'baseline', '--version', 'v1.0');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${manifests}:1 Pod team-a/web: allowed by PodSecurity "baseline:v1.0"\n`);
  });

  it('prints the specified JSON shape', async () => {
    const r = await run('pss', manifests, '--level', 'restricted', '--version', 'v1.21', '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      results: [
        {
          resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'team-a', name: 'web' },
          location: { file: manifests, line: 1, column: 1 },
          level: 'restricted',
          version: 'v1.21',
          allowed: false,
          violations: [
            {
              check: 'allowPrivilegeEscalation',
              reason: 'allowPrivilegeEscalation != false',
              detail: 'container "app" must set securityContext.allowPrivilegeEscalation=false',
            },
            {
              check: 'runAsNonRoot',
              reason: 'runAsNonRoot != true',
              detail: 'pod or container "app" must set securityContext.runAsNonRoot=true',
            },
            {
              check: 'seccompProfile_restricted',
              reason: 'seccompProfile',
              detail:
                'pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
            },
          ],
        },
        {
          resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'team-b', name: 'api' },
          location: { file: manifests, line: 9, column: 1 },
          level: 'restricted',
          version: 'v1.21',
          allowed: true,
          violations: [],
        },
      ],
      problems: [],
    });
  });

  it('gives byte-identical output on repeated runs', async () => {
    const a = await run('pss', manifests, '--format', 'json');
    const b = await run('pss', manifests, '--format', 'json');
    expect(a.stdout).toBe(b.stdout);
  });

  it('reads standard input', async () => {
    const stdin = Readable.from([Buffer.from(BARE_POD)]);
    const original = Object.getOwnPropertyDescriptor(process, 'stdin');
    Object.defineProperty(process, 'stdin', { value: stdin, configurable: true });
    try {
      const r = await run('pss', '-', '--level', 'baseline');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('-:1 Pod team-a/web: allowed by PodSecurity "baseline:latest"\n');
    } finally {
      if (original) Object.defineProperty(process, 'stdin', original);
    }
  });

  it('reads directories', async () => {
    const sub = mkdtempSync(join(dir, 'tree-'));
    writeFileSync(join(sub, 'a.yaml'), BARE_POD);
    const r = await run('pss', sub, '--level', 'restricted', '--format', 'json');
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { results: unknown[] }).results).toHaveLength(1);
  });

  it('reports input problems on stderr with file and line, keeps the rest, and exits 2', async () => {
    const broken = file('broken.yaml', `${BARE_POD}---\nkind: Pod\nmetadata: { name: x\n`);
    const r = await run('pss', broken, '--level', 'baseline');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1[0-9]:\\d+: error: `),
    );
    expect(r.stdout).toContain('Pod team-a/web: allowed by PodSecurity "baseline:latest"');
  });

  it('words a forbidden AppArmor annotation exactly as the API server does (quotes not re-escaped)', async () => {
    const input = file(
      'apparmor.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: legacy, namespace: team-c }
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/app: unconfined
    spec:
      containers:
        - name: app
          image: legacy:1
`,
    );
    const r = await run('pss', input, '--level', 'baseline', '--version', 'v1.25');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `${input}:1 Deployment team-c/legacy: would violate PodSecurity "baseline:v1.25": forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/app="unconfined"")\n` +
        '1 pod-bearing resource checked against PodSecurity "baseline:v1.25": 0 allowed, 1 not allowed\n',
    );
  });

  it('rejects a malformed version with a usage error', async () => {
    const r = await run('pss', manifests, '--version', '1.30');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'kubeward: --version: "1.30" is not a policy version (expected latest or v1.N, e.g. v1.30)\n',
    );
  });

  it('requires an input', async () => {
    const r = await run('pss');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no input');
  });
});

describe('kubeward pss --namespaces', () => {
  const namespaces = `apiVersion: v1
kind: Namespace
metadata:
  name: team-a
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: v1.30
    pod-security.kubernetes.io/warn: restricted
---
apiVersion: v1
kind: Namespace
metadata:
  name: team-b
  labels:
    pod-security.kubernetes.io/enforce: restricted
`;

  it('judges each resource against its own namespace labels', async () => {
    const input = file('ns.yaml', `${namespaces}---\n${BARE_POD}---\n${HARDENED_DEPLOYMENT}`);
    const r = await run('pss', input, '--namespaces');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `${input}:17 Pod team-a/web (namespace team-a: enforce=baseline:v1.30, audit=privileged:latest, warn=restricted:latest):\n` +
        `  warn: would violate PodSecurity "restricted:latest": ${RESTRICTED_DETAIL}\n` +
        `${input}:25 Deployment team-b/api: allowed (namespace team-b: enforce=restricted:latest, audit=privileged:latest, warn=privileged:latest)\n` +
        "2 pod-bearing resources checked against their namespaces' enforce policies: 2 allowed, 0 not allowed\n",
    );
  });

  it('rejects by enforce with the API server wording for pods, and uses --default-level elsewhere', async () => {
    const privileged = BARE_POD.replace(
      'image: nginx:1.27',
      'image: nginx:1.27\n      securityContext: { privileged: true }',
    );
    const input = file(
      'ns2.yaml',
      `${namespaces}---\n${privileged}---\n${privileged.replace('name: web, namespace: team-a', 'name: other, namespace: elsewhere')}`,
    );
    const r = await run('pss', input, '--namespaces', '--default-level', 'baseline', '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      results: { allowed: boolean; level: string; version: string; policy: { labelled: boolean } }[];
    };
    expect(json.results.map((x) => [x.level, x.version, x.allowed, x.policy.labelled])).toEqual([
      ['baseline', 'v1.30', false, true],
      ['baseline', 'latest', false, false],
    ]);
    const text = await run('pss', input, '--namespaces', '--default-level', 'baseline');
    expect(text.stdout).toContain(
      '  enforce: pods "web" is forbidden: violates PodSecurity "baseline:v1.30": privileged (container "app" must not set securityContext.privileged=true)\n',
    );
  });

  it('falls back like the API server on invalid labels and warns with the label position', async () => {
    const input = file(
      'bad-labels.yaml',
      `apiVersion: v1
kind: Namespace
metadata:
  name: team-a
  labels:
    pod-security.kubernetes.io/enforce: strict
    pod-security.kubernetes.io/warn-version: "1.30"
---
${BARE_POD}`,
    );
    const r = await run('pss', input, '--namespaces', '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `${input}:6:5: warning: Namespace team-a: label pod-security.kubernetes.io/enforce="strict" is invalid (must be one of privileged, baseline, restricted); the API server uses restricted [config/invalid]\n` +
        `${input}:7:5: warning: Namespace team-a: label pod-security.kubernetes.io/warn-version="1.30" is invalid (must be "latest" or "v1.x"); the API server uses latest [config/invalid]\n`,
    );
    const json = JSON.parse(r.stdout) as { results: { level: string; version: string }[] };
    expect(json.results[0]).toMatchObject({ level: 'restricted', version: 'latest' });
  });

  it('refuses --level together with --namespaces', async () => {
    const r = await run('pss', BARE_POD, '--namespaces', '--level', 'baseline');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--level and --namespaces exclude each other');
  });

  it('refuses --version together with --namespaces instead of ignoring it', async () => {
    const r = await run('pss', BARE_POD, '--namespaces', '--version', 'v1.30');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--version and --namespaces exclude each other');
    expect(r.stdout).toBe('');
  });
});

describe('kubeward pss at scale', () => {
  guardSpreadArguments();

  it('finishes over 66,000 ConfigMaps in one file (more resources than one call can take as arguments)', async () => {
    const text = Array.from(
      { length: 66_000 },
      (_, i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm${i}}\n`,
    ).join('');
    const input = file('configmaps.yaml', text + BARE_POD_DOC);
    const r = await run('pss', input);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Pod team-a/web');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^1 pod-bearing resource checked/);
  });
});
