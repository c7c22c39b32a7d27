import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectFacts } from './collect.js';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

interface Fake {
  argv: string[];
  uid?: number;
  ppid?: number;
  name?: string;
  exe?: string;
  noStatus?: boolean;
}

function tree(procs: Record<number, Fake>): string {
  root = mkdtempSync(join(tmpdir(), 'kubeward-procs-'));
  for (const [pid, p] of Object.entries(procs)) {
    const dir = join(root, 'proc', pid);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cmdline'), `${p.argv.join('\0')}\0`);
    const uid = p.uid ?? 0;
    if (p.noStatus !== true)
      writeFileSync(
        join(dir, 'status'),
        `Name:\t${p.name ?? p.argv[0]?.split('/').pop()}\nUmask:\t0022\nState:\tS (sleeping)\nPPid:\t${p.ppid ?? 1}\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n`,
      );
    if (p.exe !== undefined) symlinkSync(p.exe, join(dir, 'exe'));
  }
  return root;
}

describe('choosing component processes', () => {
  it('prefers a process started by init, systemd or a container shim, and says why for each', () => {
    const dir = tree({
      400: { argv: ['-bash'], name: 'bash' },
      500: { argv: ['/usr/bin/kubelet', '--read-only-port=10255'], ppid: 400, exe: '/usr/bin/kubelet' },
      600: { argv: ['/usr/bin/kubelet', '--read-only-port=0'], ppid: 1, exe: '/usr/bin/kubelet' },
      800: {
        argv: ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'k8s.io'],
        name: 'containerd-shim-runc-v2',
      },
      801: {
        argv: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf'],
        ppid: 800,
        exe: '/usr/local/bin/kube-proxy',
      },
    });
    const facts = collectFacts({ root: dir });
    expect(facts.processes).toEqual([
      {
        pid: 500,
        component: 'kubelet',
        verdict: 'not chosen',
        reason:
          'runs as root, executable /usr/bin/kubelet, parent process 400 (bash) is not init, systemd, a container shim or k3s/rke2; process 600 was preferred',
      },
      {
        pid: 600,
        component: 'kubelet',
        verdict: 'chosen',
        reason: 'runs as root, executable /usr/bin/kubelet, parent is process 1',
      },
      {
        pid: 801,
        component: 'kube-proxy',
        verdict: 'chosen',
        reason:
          'runs as root, executable /usr/local/bin/kube-proxy, parent is process 800 (containerd-shim-runc-v2)',
      },
    ]);
    const kubelet = facts.components.find((c) => c.name === 'kubelet');
    expect(kubelet?.source).toEqual({ kind: 'process', pid: 600 });
    expect(kubelet?.argv).toEqual(['/usr/bin/kubelet', '--read-only-port=0']);
  });

  it('rejects processes of unknown owner, and executables anyone could replace', () => {
    const dir = tree({
      700: { argv: ['kube-apiserver', '--authorization-mode=AlwaysAllow'], noStatus: true },
      900: { argv: ['/tmp/x/etcd', '--data-dir=/var/lib/etcd'] },
      910: { argv: ['kube-scheduler'], exe: '/opt/ks' },
      // A decoy whose path would clear the screen and reverse the line if printed raw (the CLI escapes it).
      920: { argv: ['kube-proxy'], exe: '/tmp/x/\x1b[2J\u202ekube-proxy' },
    });
    mkdirSync(join(dir, 'tmp/x'), { recursive: true });
    chmodSync(join(dir, 'tmp'), 0o1777);
    mkdirSync(join(dir, 'opt'));
    writeFileSync(join(dir, 'opt/ks'), '');
    chmodSync(join(dir, 'opt/ks'), 0o777);
    const facts = collectFacts({ root: dir });
    expect(facts.processes).toEqual([
      {
        pid: 700,
        component: 'kube-apiserver',
        verdict: 'rejected',
        reason: 'its owner is unknown (/proc/700/status could not be read)',
      },
      {
        pid: 900,
        component: 'etcd',
        verdict: 'rejected',
        reason: 'its argv[0] /tmp/x/etcd is in the world-writable directory /tmp (mode 1777)',
      },
      {
        pid: 910,
        component: 'kube-scheduler',
        verdict: 'rejected',
        reason: 'its executable /opt/ks is world-writable (mode 777)',
      },
      {
        pid: 920,
        component: 'kube-proxy',
        verdict: 'rejected',
        reason:
          'its executable /tmp/x/\x1b[2J\u202ekube-proxy is in the world-writable directory /tmp (mode 1777)',
      },
    ]);
    expect(facts.components).toEqual([]);
  });
});
