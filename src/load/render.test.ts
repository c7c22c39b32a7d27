import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmForTests } from '../../test/helpers/helm.js';
import { loadInputs, DEFAULT_LOAD_OPTIONS, type LoadedUnit, type LoadOptions } from './inputs.js';
import { kustomizeCommand } from './render.js';

async function load(paths: string[], options: Partial<LoadOptions> = {}): Promise<LoadedUnit[]> {
  const units: LoadedUnit[] = [];
  for await (const unit of loadInputs(paths, { ...DEFAULT_LOAD_OPTIONS, ...options })) units.push(unit);
  return units;
}

describe('Helm charts (rendered with a real helm binary)', () => {
  const helm = helmForTests();
  const chart = 'test/fixtures/charts/demo';

  it('renders a chart directory and attributes resources to the template named in # Source', async () => {
    const [unit] = await load([chart], { helmBinary: helm });
    expect(unit?.problems).toEqual([]);
    expect(unit?.resources.map((r) => `${r.kind}/${r.name}`)).toEqual([
      'Service/release-name-web',
      'Deployment/release-name-web',
    ]);
    const deployment = unit?.resources[1];
    expect(deployment?.source.file).toBe(`${chart}/templates/deployment.yaml`);
    expect(deployment?.source.locate('/spec/template/spec/containers/0/securityContext/privileged')).toEqual({
      file: `${chart}/templates/deployment.yaml`,
      line: 21,
      column: 13,
    });
  });

  it('passes --values and --set through to helm template', async () => {
    const [withValues] = await load([chart], {
      helmBinary: helm,
      helmValues: [`${chart}/privileged-values.yaml`],
    });
    const privileged = (unit: LoadedUnit | undefined): unknown =>
      (
        unit?.resources[1]?.object as {
          spec: { template: { spec: { containers: { securityContext: { privileged: unknown } }[] } } };
        }
      ).spec.template.spec.containers[0]?.securityContext.privileged;
    expect(privileged(withValues)).toBe(true);
    const [withSet] = await load([chart], { helmBinary: helm, helmSet: ['privileged=true', 'replicas=3'] });
    expect(privileged(withSet)).toBe(true);
  });

  it('finds charts while walking a directory instead of parsing raw templates', async () => {
    const units = await load(['test/fixtures/charts'], { helmBinary: helm });
    expect(units.map((u) => u.file)).toEqual([`${chart}/Chart.yaml`]);
    expect(units[0]?.problems).toEqual([]);
  });

  it("reports a failed render with helm's message", async () => {
    const [unit] = await load([chart], { helmBinary: helm, helmSet: ['a[b=1'] });
    expect(unit?.resources).toEqual([]);
    expect(unit?.problems).toHaveLength(1);
    expect(unit?.problems[0]).toMatchObject({
      code: 'input/render-failed',
      level: 'error',
      location: { file: `${chart}/Chart.yaml` },
    });
    expect(unit?.problems[0]?.message).toMatch(/helm template .* failed: .*set/);
  });
});

describe('a failed render never shows --set values', () => {
  const chart = 'test/fixtures/charts/demo';
  const secret = 'hunter2-Sup3rSecret';

  it('hides them in the command line helm was run with', async () => {
    // The unterminated index makes helm reject the --set data.
    const [unit] = await load([chart], {
      helmBinary: helmForTests(),
      helmSet: [`db.password=${secret},a[b=1`],
    });
    expect(unit?.problems).toHaveLength(1);
    const message = unit?.problems[0]?.message ?? '';
    expect(message).toContain('--set db.password=***,a[b=***');
    expect(message).not.toContain(secret);
  });

  it("hides them in the renderer's error output too", async () => {
    // A stand-in renderer that repeats its arguments on standard error, as template errors may.
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-render-'));
    const fake = join(dir, 'helm');
    writeFileSync(fake, '#!/bin/sh\necho "Error: cannot use value in: $*" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const [unit] = await load([chart], { helmBinary: fake, helmSet: [`token=${secret}`, 'replicas=2'] });
    const message = unit?.problems[0]?.message ?? '';
    expect(message).toMatch(
      /^\S+ template test\/fixtures\/charts\/demo --set token=\*\*\* --set replicas=\*\*\* failed: Error: cannot use value in: /,
    );
    expect(message).not.toContain(secret);
  });
});

describe('Kustomize directories (rendered with kubectl kustomize)', () => {
  it('renders the overlay and points findings at the kustomization', async () => {
    const [unit] = await load(['test/fixtures/kustomize/overlay']);
    expect(unit?.problems).toEqual([]);
    expect(unit?.resources.map((r) => [r.kind, r.namespace, r.name])).toEqual([['Pod', 'ops', 'prod-tool']]);
    expect(unit?.resources[0]?.source.locate('/spec/containers/0/securityContext/privileged')).toEqual({
      file: 'test/fixtures/kustomize/overlay/kustomization.yaml',
      line: 1,
      column: 1,
    });
  });

  it('reports a missing kustomize binary, names what to install, and reads the other inputs', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const units = await load(['test/fixtures/kustomize/overlay', 'test/fixtures/inputs/pod.json']);
      expect(units[0]?.problems).toEqual([
        expect.objectContaining({
          code: 'input/renderer-missing',
          level: 'error',
          location: { file: 'test/fixtures/kustomize/overlay/kustomization.yaml', line: 1, column: 1 },
        }),
      ]);
      expect(units[0]?.problems[0]?.message).toMatch(/install kubectl or kustomize/);
      expect(units[1]?.resources.map((r) => r.name)).toEqual(['from-json']);
    } finally {
      process.env.PATH = path;
    }
  });

  it('reports a missing helm binary and names what to install', async () => {
    const path = process.env.PATH;
    const helmEnv = process.env.KUBEWARD_HELM;
    process.env.PATH = '/nonexistent';
    delete process.env.KUBEWARD_HELM;
    try {
      const [unit] = await load(['test/fixtures/charts/demo']);
      expect(unit?.problems[0]).toMatchObject({
        code: 'input/renderer-missing',
        location: { file: 'test/fixtures/charts/demo/Chart.yaml' },
      });
      expect(unit?.problems[0]?.message).toMatch(/install helm/);
    } finally {
      process.env.PATH = path;
      if (helmEnv !== undefined) process.env.KUBEWARD_HELM = helmEnv;
    }
  });
});

/** Writes an executable stand-in renderer and returns its path. */
function fakeRenderer(script: string): { binary: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-fake-'));
  const binary = join(dir, 'helm');
  writeFileSync(binary, `#!/bin/sh\n${script}`);
  chmodSync(binary, 0o755);
  return { binary, dir };
}

/** Whether a process still runs (a zombie waiting to be reaped counts as gone). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Waits until `pid` is gone, for at most `ms` milliseconds; returns whether it is. */
async function gone(pid: number, ms = 5000): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 50) {
    if (!running(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !running(pid);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('renderer processes', () => {
  const chart = 'test/fixtures/charts/demo';

  it('stops a renderer at --render-timeout together with the processes it started', async () => {
    // The renderer starts a grandchild that keeps appending to a marker file, then hangs.
    const { binary, dir } = fakeRenderer(
      `(while :; do echo tick >> "${'$'}0.marker"; sleep 0.05; done) &\necho $! > "${'$'}0.pid"\nsleep 60\n`,
    );
    const [unit] = await load([chart], { helmBinary: binary, renderTimeoutMs: 1000 });
    expect(unit?.resources).toEqual([]);
    expect(unit?.problems).toEqual([
      {
        code: 'input/render-failed',
        level: 'error',
        message: `${binary} template ${chart} failed: timed out after 1 s (--render-timeout); stopped`,
        location: { file: `${chart}/Chart.yaml`, line: 1, column: 1 },
      },
    ]);
    const grandchild = Number(readFileSync(join(dir, 'helm.pid'), 'utf8'));
    expect(existsSync(join(dir, 'helm.marker'))).toBe(true);
    expect(await gone(grandchild)).toBe(true);
    const size = statSync(join(dir, 'helm.marker')).size;
    await sleep(300);
    expect(statSync(join(dir, 'helm.marker')).size).toBe(size);
  });

  it('ends what a renderer left running once it has exited, and keeps its output', async () => {
    const { binary, dir } = fakeRenderer(
      `(while :; do echo tick >> "${'$'}0.marker"; sleep 0.05; done) >/dev/null 2>&1 &\necho $! > "${'$'}0.pid"\nprintf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: left\\n'\n`,
    );
    const [unit] = await load([chart], { helmBinary: binary });
    expect(unit?.problems).toEqual([]);
    expect(unit?.resources.map((r) => `${r.kind}/${r.name}`)).toEqual(['ConfigMap/left']);
    expect(await gone(Number(readFileSync(join(dir, 'helm.pid'), 'utf8')))).toBe(true);
  });

  it('stops reading endless renderer output at --max-file-size: a problem naming the chart, no crash', async () => {
    const { binary, dir } = fakeRenderer(`echo $$ > "${'$'}0.pid"\nexec yes 'kind: ConfigMap'\n`);
    const [unit] = await load([chart], { helmBinary: binary, maxFileSize: 1024 * 1024 });
    expect(unit?.resources).toEqual([]);
    expect(unit?.problems).toEqual([
      {
        code: 'input/too-large',
        level: 'error',
        message: `${binary} template ${chart} wrote more than the 1048576-byte limit (--max-file-size); stopped, not scanned`,
        location: { file: `${chart}/Chart.yaml`, line: 1, column: 1 },
      },
    ]);
    expect(await gone(Number(readFileSync(join(dir, 'helm.pid'), 'utf8')))).toBe(true);
  });

  it('reads a file named by a # Source: comment only inside the chart', async () => {
    const { binary } = fakeRenderer(
      "printf '# Source: demo/../../../../../../../../dev/zero\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: out\\n'\n",
    );
    const [unit] = await load([chart], { helmBinary: binary });
    expect(unit?.problems).toEqual([]);
    expect(unit?.resources[0]?.source.locate('/metadata/name')).toEqual({
      file: `${chart}/Chart.yaml`,
      line: 5,
      column: 3,
    });
  });

  it("runs helm with empty configuration, cache and plugin directories of its own, not the user's", async () => {
    const saved = process.env.HELM_REPOSITORY_CONFIG;
    process.env.HELM_REPOSITORY_CONFIG = '/home/someone/.config/helm/repositories.yaml';
    try {
      const { binary } = fakeRenderer('env | grep ^HELM_ | sort >&2\nexit 1\n');
      const [unit] = await load([chart], { helmBinary: binary });
      const message = unit?.problems[0]?.message ?? '';
      const home = /HELM_CACHE_HOME=(\S+)\/cache/.exec(message)?.[1] ?? '';
      expect(home).toMatch(/kubeward-helm-/);
      expect(message).toBe(
        `${binary} template ${chart} failed: HELM_CACHE_HOME=${home}/cache | HELM_CONFIG_HOME=${home}/config | HELM_DATA_HOME=${home}/data | HELM_PLUGINS=${home}/plugins`,
      );
      // Removed once the render is over.
      expect(existsSync(home)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.HELM_REPOSITORY_CONFIG;
      else process.env.HELM_REPOSITORY_CONFIG = saved;
    }
  });
});

describe('values given on the command line are hidden from renderer messages', () => {
  const chart = 'test/fixtures/charts/demo';
  // A stand-in renderer that repeats its arguments, and the file of any --set-file, on standard error.
  const echoing = fakeRenderer(
    'echo "Error: cannot use: $*" >&2\nwhile [ $# -gt 0 ]; do [ "$1" = --set-file ] && cat "${2#*=}" >&2; shift; done\nexit 1\n',
  ).binary;

  it('hides each item of a list value (--set a={x,y}) and shows the key once', async () => {
    const [unit] = await load([chart], {
      helmBinary: echoing,
      helmSet: ['hosts={Fir5t-Secret-Item,Second-Secret-Item},port=8443'],
    });
    const message = unit?.problems[0]?.message ?? '';
    expect(message).toBe(
      `${echoing} template ${chart} --set hosts=***,port=*** failed: Error: cannot use: template ${chart} --set hosts=***,port=***`,
    );
  });

  it('hides a list item helm quotes on its own', async () => {
    const { binary } = fakeRenderer('echo "Error: bad host Fir5t-Secret-Item in list" >&2\nexit 1\n');
    const [unit] = await load([chart], { helmBinary: binary, helmSet: ['hosts={Fir5t-Secret-Item,b}'] });
    expect(unit?.problems[0]?.message).toBe(
      `${binary} template ${chart} --set hosts=*** failed: Error: bad host *** in list`,
    );
  });

  it('hides --set-string values and the text of --set-file files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-setfile-'));
    const file = join(dir, 'key.pem');
    writeFileSync(file, '-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----\n');
    const [unit] = await load([chart], {
      helmBinary: echoing,
      helmSetString: ['token=0123-Str1ng-Token'],
      helmSetFile: [`tls.key=${file}`],
    });
    const message = unit?.problems[0]?.message ?? '';
    expect(message).toBe(
      `${echoing} template ${chart} --set-string token=*** --set-file tls.key=${file} failed: Error: cannot use: template ${chart} --set-string token=*** --set-file tls.key=${file} | *** | *** | ***`,
    );
  });

  it('hides secretGenerator literals that kustomize repeats in its errors', async () => {
    // kubectl kustomize rejects the literal without `=` and quotes every literal of the generator.
    const [unit] = await load(['test/fixtures/render/kustomize/literal']);
    const message = unit?.problems[0]?.message ?? '';
    expect(unit?.problems[0]?.code).toBe('input/render-failed');
    expect(message).toMatch(
      /literal sources \[\*\*\* \*\*\*\]: invalid literal source \*\*\*, expected key=value/,
    );
    expect(message).not.toMatch(/Corr3ct|Staple/);
  });
});

describe('an interrupted kubeward', () => {
  it('kills the process group of a running renderer before it dies of the signal', async () => {
    const { binary, dir } = fakeRenderer(`(sleep 60) &\necho $! > "${'$'}0.pid"\nsleep 60\n`);
    // A separate kubeward process loading a chart, so that it can be sent SIGTERM.
    const script = `const { loadInputs, DEFAULT_LOAD_OPTIONS } = await import('./src/load/inputs.ts');
for await (const unit of loadInputs(['test/fixtures/charts/demo'], { ...DEFAULT_LOAD_OPTIONS, helmBinary: ${JSON.stringify(binary)} })) console.log(unit.file);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_, signal) => resolve(signal)),
    );
    const pidFile = join(dir, 'helm.pid');
    for (let i = 0; i < 200 && !(existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim()); i++)
      await sleep(50);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(running(grandchild)).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(await gone(grandchild)).toBe(true);
  });
});

describe('kustomize runs no programs', () => {
  it('is given only build DIR: no --enable-helm, --enable-exec, --enable-alpha-plugins or --load-restrictor', () => {
    expect(kustomizeCommand('k', '/opt/bin/kustomize')).toEqual({
      binary: '/opt/bin/kustomize',
      args: ['build', 'k'],
    });
    expect(kustomizeCommand('k', '/usr/bin/kubectl')).toEqual({
      binary: '/usr/bin/kubectl',
      args: ['kustomize', 'k'],
    });
  });

  it('so an exec KRM function named as a transformer is refused by kustomize, never run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-exec-'));
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - pod.yaml\ntransformers:\n  - fn.yaml\n');
    writeFileSync(
      join(dir, 'pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x:1\n',
    );
    writeFileSync(
      join(dir, 'fn.yaml'),
      'apiVersion: example.com/v1\nkind: Marker\nmetadata:\n  name: m\n  annotations:\n    config.kubernetes.io/function: |\n      exec:\n        path: ./fn.sh\n',
    );
    writeFileSync(join(dir, 'fn.sh'), `#!/bin/sh\ntouch "${dir}/ran"\ncat\n`);
    chmodSync(join(dir, 'fn.sh'), 0o755);
    const [unit] = await load([dir]);
    expect(unit?.problems.map((p) => p.code)).toEqual(['input/render-failed']);
    expect(unit?.problems[0]?.message).toContain(
      "external plugins disabled; unable to load external plugin 'Marker'",
    );
    expect(existsSync(join(dir, 'ran'))).toBe(false);
  });
});
