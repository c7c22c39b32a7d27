import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildTree } from '../../test/fixtures/node/build-tree.js';
import { scan } from '../engine/scan.js';
import { run } from '../../test/helpers/cli.js';

afterEach(() => vi.restoreAllMocks());

const facts = (name: string): string => `test/fixtures/node/${name}/facts.json`;

describe('kubeward node --facts', () => {
  it('exits 1 on a FAIL, prints the choice and its reason on stderr', async () => {
    const r = await run('node', '--facts', facts('kubeadm-cp-default'), '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^kubeward: benchmark cis-1\.12: platform kubeadm \(.*\); Kubernetes v1\.32\.3 \(.*\) → cis-1\.12/,
    );
    expect((JSON.parse(r.stdout) as { totals: { FAIL: number } }).totals.FAIL).toBe(11);
  });

  it('exits 0 when nothing fails', async () => {
    const r = await run('node', '--facts', facts('kubeadm-cp-hardened'), '--format', 'kube-bench');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { Totals: { total_fail: number } }).Totals.total_fail).toBe(0);
  });

  it('refuses with exit 2 when auto cannot choose, and runs with --kube-version', async () => {
    const refused = await run('node', '--facts', facts('eks-al2023-worker'));
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(
      'kubeward: cannot choose a benchmark automatically: the Kubernetes version could not be detected.',
    );
    const ok = await run(
      'node',
      '--facts',
      facts('eks-al2023-worker'),
      '--kube-version',
      'v1.33.2',
      '--format',
      'junit',
    );
    expect(ok.code).toBe(1);
    expect(ok.stderr).toMatch(
      /^kubeward: benchmark eks-1\.8: platform eks .* Kubernetes v1\.33\.2 \(--kube-version on the command line\)/,
    );
    expect(ok.stdout).toContain('<testsuites name="kubeward node eks-1.8"');
  });

  it('reports a bad facts file with its path and JSON path, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-node-cli-'));
    try {
      const bad = join(dir, 'bad.json');
      writeFileSync(
        bad,
        JSON.stringify({
          kind: 'NodeFacts',
          schemaVersion: 1,
          collector: { mode: 'live' },
          platform: { name: 'eks', evidence: [] },
          kubernetesVersion: { version: null, evidence: [] },
          components: [{ name: 'kubelet', source: { kind: 'process' }, argv: 'kubelet' }],
          files: {},
        }),
      );
      const r = await run('node', '--facts', bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `kubeward: ${bad}: not a valid NodeFacts document: $.components[0].argv: expected an array of strings\n`,
      );
      const missing = await run('node', '--facts', join(dir, 'nope.json'));
      expect(missing).toMatchObject({
        code: 2,
        stderr: `kubeward: cannot read facts file ${join(dir, 'nope.json')}: no such file or directory\n`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects --root with --facts and unknown benchmarks', async () => {
    expect((await run('node', '--root', '/', '--facts', 'x.json')).stderr).toBe(
      'kubeward: --root and --facts cannot be used together\n',
    );
    const r = await run('node', '--facts', facts('kubeadm-worker'), '--benchmark', 'gke-1.6');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown benchmark "gke-1.6" (expected auto or one of cis-1.12, eks-1.8)');
  });
});

describe('kubeward node --root and node collect', () => {
  it('probes a mounted root, and collect + --facts gives the same report', async () => {
    const tree = buildTree('kubeadm-worker');
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-node-cli-'));
    try {
      const live = await run('node', '--root', tree.root, '--benchmark', 'cis-1.12', '--format', 'json');
      expect(live.code).toBe(1);
      const out = join(dir, 'facts.json');
      const collected = await run('node', 'collect', '--root', tree.root, '--output', out);
      expect(collected.code).toBe(0);
      const offline = await run('node', '--facts', out, '--benchmark', 'cis-1.12', '--format', 'json');
      expect(offline.stdout).toBe(live.stdout);
      const written = JSON.parse(readFileSync(out, 'utf8')) as { collector: unknown };
      expect(written.collector).toEqual({ mode: 'root', root: tree.root });
    } finally {
      rmSync(tree.root, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('learns a worker version from the bytes of the kubelet binary under the root, never running it', async () => {
    // A worker has no static pod image tag; the node-job.yaml Job mounts the host /usr/bin for this.
    const tree = buildTree('kubeadm-worker');
    try {
      const refused = await run('node', '--root', tree.root, '--format', 'json');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('the Kubernetes version could not be detected');
      mkdirSync(join(tree.root, 'usr/bin'), { recursive: true });
      // A stand-in for a Go binary: ELF magic, a bare dependency version (not the Kubernetes version), and
      // the linker flags Go records in its build information, placed across the 1 MiB read boundary.
      const ldflags = Buffer.from(
        "build\t-ldflags=\"-s -w -X 'k8s.io/component-base/version.gitVersion=v1.32.3' -X 'k8s.io/component-base/version.gitCommit=32cc146'\"\n",
      );
      const at = 1024 * 1024 - 30;
      const bytes = Buffer.alloc(at + ldflags.length + 4096);
      Buffer.from('\x7fELF\x02\x01\x01\0', 'latin1').copy(bytes, 0);
      Buffer.from('\0github.com/spf13/cobra\tv1.99.0\0', 'latin1').copy(bytes, 4096);
      ldflags.copy(bytes, at);
      writeFileSync(join(tree.root, 'usr/bin/kubelet'), bytes);
      chmodSync(join(tree.root, 'usr/bin/kubelet'), 0o755);
      const chosen = await run('node', '--root', tree.root, '--format', 'json');
      expect(chosen.code).toBe(1);
      expect(chosen.stderr).toContain(
        'Kubernetes v1.32.3 (version string k8s.io/component-base/version.gitVersion=v1.32.3 in the bytes of /usr/bin/kubelet) → cis-1.12',
      );
    } finally {
      rmSync(tree.root, { recursive: true, force: true });
    }
  });

  it('never runs a program named by the process table or the tree, and rejects decoy kubelets with the reason', async () => {
    // The reproduction: any local user starts `exec -a /tmp/e/kubelet sleep 60`; kubeward used to run
    // `/tmp/e/kubelet --version` as root, and with --root DIR it ran DIR/usr/bin/kubelet.
    const tree = buildTree('kubeadm-worker');
    const marker = join(tree.root, 'RAN');
    const script = `#!/bin/sh\necho "$0" >> ${marker}\necho "Kubernetes v1.99.0"\n`;
    const proc = (
      pid: number,
      argv: string[],
      uid: number,
      ppid: number,
      exe: string,
      name: string,
    ): void => {
      const dir = join(tree.root, 'proc', String(pid));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'cmdline'), `${argv.join('\0')}\0`);
      writeFileSync(
        join(dir, 'status'),
        `Name:\t${name}\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\nPPid:\t${ppid}\n`,
      );
      symlinkSync(exe, join(dir, 'exe'));
    };
    try {
      mkdirSync(join(tree.root, 'tmp/e'), { recursive: true });
      chmodSync(join(tree.root, 'tmp'), 0o1777);
      for (const path of ['tmp/e/kubelet', 'usr/bin/kubelet']) {
        mkdirSync(join(tree.root, path, '..'), { recursive: true });
        writeFileSync(join(tree.root, path), script);
        chmodSync(join(tree.root, path), 0o755);
      }
      proc(4000, ['-bash'], 1000, 1, '/usr/bin/bash', 'bash');
      // An unprivileged user's `exec -a /tmp/e/kubelet sleep 60`, with flags that would pass checks.
      proc(
        4242,
        ['/tmp/e/kubelet', '--anonymous-auth=false', '--read-only-port=0'],
        1000,
        4000,
        '/usr/bin/sleep',
        'sleep',
      );
      // A root process whose executable anyone could have replaced.
      proc(4243, ['/tmp/e/kubelet', '--anonymous-auth=false'], 0, 1, '/tmp/e/kubelet', 'kubelet');
      // One whose path would clear the screen and reverse the warning line if printed raw.
      proc(4244, ['kubelet'], 0, 1, '/tmp/e/\x1b[2J\u202ekubelet', 'kubelet');
      const out = join(tree.root, 'facts.json');
      const collected = await run('node', 'collect', '--root', tree.root, '--output', out);
      expect(collected.code).toBe(0);
      const judged = await run('node', '--root', tree.root, '--benchmark', 'cis-1.12', '--format', 'json');
      expect(judged.code).toBe(1);
      expect(existsSync(marker)).toBe(false);
      for (const r of [collected, judged]) {
        expect(r.stderr).toContain(
          'kubeward: warning: process 4242 looks like kubelet but was not used: runs as uid 1000, not root: any local user can start a process with this name\n',
        );
        expect(r.stderr).toContain(
          'kubeward: warning: process 4243 looks like kubelet but was not used: its executable /tmp/e/kubelet is in the world-writable directory /tmp (mode 1777)\n',
        );
        expect(r.stderr).toContain(
          'kubeward: warning: process 4244 looks like kubelet but was not used: its executable /tmp/e/\\x1b[2J\\u202ekubelet is in the world-writable directory /tmp (mode 1777)\n',
        );
        expect(r.stderr.includes('\x1b') || r.stderr.includes('\u202e')).toBe(false);
      }
      const facts = JSON.parse(readFileSync(out, 'utf8')) as {
        processes: unknown[];
        components: { name: string; source: unknown; argv: string[] }[];
        kubernetesVersion: { version: string | null; evidence: string[] };
      };
      expect(facts.processes).toEqual([
        {
          pid: 4242,
          component: 'kubelet',
          verdict: 'rejected',
          reason: 'runs as uid 1000, not root: any local user can start a process with this name',
        },
        {
          pid: 4243,
          component: 'kubelet',
          verdict: 'rejected',
          reason: 'its executable /tmp/e/kubelet is in the world-writable directory /tmp (mode 1777)',
        },
        {
          pid: 4244,
          component: 'kubelet',
          verdict: 'rejected',
          reason:
            'its executable /tmp/e/\x1b[2J\u202ekubelet is in the world-writable directory /tmp (mode 1777)',
        },
      ]);
      // The kubelet is the one systemd starts, with its own flags, not the decoys'.
      const kubelet = facts.components.find((c) => c.name === 'kubelet');
      expect(kubelet?.source).toEqual({ kind: 'systemd', path: '/usr/lib/systemd/system/kubelet.service' });
      expect(kubelet?.argv).toContain('--anonymous-auth=true');
      expect(kubelet?.argv).not.toContain('--anonymous-auth=false');
      // The unit's /usr/bin/kubelet was read (a script has no version string in it), not run.
      expect(facts.kubernetesVersion).toEqual({
        version: null,
        evidence: ['no static pod image tag', '/usr/bin/kubelet: no embedded version string'],
      });
      const report = JSON.parse(judged.stdout) as {
        sections: { groups: { results: { id: string; status: string; source: string }[] }[] }[];
      };
      const anonymous = report.sections
        .flatMap((x) => x.groups.flatMap((g) => g.results))
        .find((r) => r.id === '4.2.1');
      expect(anonymous).toMatchObject({
        status: 'FAIL',
        source: 'flag --anonymous-auth=true (systemd unit /usr/lib/systemd/system/kubelet.service)',
      });
    } finally {
      rmSync(tree.root, { recursive: true, force: true });
    }
  });

  it('warns on stderr when no component was found at all, instead of a silent all-NOT_APPLICABLE run', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'kubeward-node-empty-'));
    try {
      mkdirSync(join(empty, 'proc'));
      const r = await run('node', '--root', empty, '--benchmark', 'cis-1.12', '--format', 'json');
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        'kubeward: warning: no Kubernetes component (process, static pod manifest or kubelet unit) was found',
      );
      const report = JSON.parse(r.stdout) as {
        totals: { PASS: number; FAIL: number; WARN: number; NOT_APPLICABLE: number };
      };
      expect(report.totals.NOT_APPLICABLE).toBeGreaterThan(0);
      expect(report.totals.PASS + report.totals.FAIL + report.totals.WARN).toBe(0);
      const withComponents = await run('node', '--facts', facts('kubeadm-cp-hardened'));
      expect(withComponents.stderr).not.toContain('warning');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('rejects a --root that is not a directory', async () => {
    const r = await run('node', '--root', '/nonexistent/kubeward');
    expect(r).toMatchObject({
      code: 2,
      stderr: 'kubeward: --root: not a directory: /nonexistent/kubeward\n',
    });
  });
});

describe('deploy/ Job manifests', () => {
  // What a node benchmark needs and nothing more: the node's process table (hostPID), its files
  // (read-only hostPath mounts of the benchmark's paths), root with only DAC_READ_SEARCH to read 600/700
  // files owned by other users. Every other finding would be a regression.
  const NECESSARY = [
    'workload/dangerous-capabilities',
    'workload/host-pid',
    'workload/run-as-non-root',
    'workload/sensitive-host-path',
  ];

  it.each(['deploy/node-job.yaml', 'deploy/node-job-eks.yaml'])(
    '%s trips only the documented findings',
    async (file) => {
      const result = await scan([file]);
      expect(result.problems).toEqual([]);
      expect([...new Set(result.findings.map((f) => f.ruleId))].sort()).toEqual(NECESSARY);
      const text = readFileSync(file, 'utf8');
      expect(text).toContain("'--root', '/host'");
      expect(text.match(/readOnly: true/g)?.length).toBe(text.match(/mountPath:/g)?.length);
    },
  );

  it('node-job.yaml mounts the host /usr/bin, where kubeadm and EKS install the kubelet', () => {
    // Without it the kubelet binary cannot be read in the pod and `--benchmark auto` refuses on every worker.
    const text = readFileSync('deploy/node-job.yaml', 'utf8');
    expect(text).not.toContain("'--benchmark'");
    expect(text).toContain('mountPath: /host/usr/bin, readOnly: true');
    expect(text).toContain('hostPath: { path: /usr/bin, type: Directory }');
  });
});
