import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../base/errors.js';
import { evaluate, isLoopback, isZeroDuration, selectBenchmark, type CheckResult } from './evaluate.js';
import { parseFacts, type NodeFacts } from './facts.js';

function load(name: string): NodeFacts {
  const file = `test/fixtures/node/${name}/facts.json`;
  return parseFacts(readFileSync(file, 'utf8'), file);
}

function result(facts: NodeFacts, benchmark: string, id: string): CheckResult {
  const report = evaluate(facts, selectBenchmark(facts, benchmark));
  const found = report.sections.flatMap((s) => s.groups.flatMap((g) => g.results)).find((r) => r.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

describe('benchmark selection', () => {
  it('picks cis-1.12 for kubeadm 1.32 and says why', () => {
    const s = selectBenchmark(load('kubeadm-cp-default'), 'auto');
    expect(s.benchmark.id).toBe('cis-1.12');
    expect(s.reason).toBe(
      'platform kubeadm (/var/lib/kubelet/kubeadm-flags.env exists; /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf exists; /etc/kubernetes/manifests/kube-apiserver.yaml has kubeadm annotations); ' +
        'Kubernetes v1.32.3 (image registry.k8s.io/kube-apiserver:v1.32.3 in /etc/kubernetes/manifests/kube-apiserver.yaml) → cis-1.12 (CIS Kubernetes Benchmark v1.12.0 covers 1.32–1.34)',
    );
  });

  it('picks eks-1.8 for EKS once the version is known, and refuses while it is not', () => {
    const facts = load('eks-al2023-worker');
    expect(facts.platform.name).toBe('eks');
    expect(() => selectBenchmark(facts, 'auto')).toThrow(UsageError);
    expect(() => selectBenchmark(facts, 'auto')).toThrow(/the Kubernetes version could not be detected/);
    facts.kubernetesVersion = { version: 'v1.33.4-eks-5d4a308', evidence: ['test'] };
    expect(selectBenchmark(facts, 'auto').benchmark.id).toBe('eks-1.8');
  });

  it('refuses versions no shipped benchmark covers instead of falling back', () => {
    const facts = load('kubeadm-cp-default');
    facts.kubernetesVersion = { version: 'v1.28.2', evidence: ['test'] };
    expect(() => selectBenchmark(facts, 'auto')).toThrow(
      /no benchmark in this build covers Kubernetes 1\.28 on kubeadm[\s\S]*pass --benchmark cis-1\.12 to run it anyway/,
    );
    expect(selectBenchmark(facts, 'cis-1.12').reason).toBe('requested with --benchmark cis-1.12');
  });

  it('refuses distributions without their own benchmark (k3s) and unknown ids', () => {
    expect(() => selectBenchmark(load('k3s-server'), 'auto')).toThrow(/this build has no K3S benchmark/);
    expect(() => selectBenchmark(load('k3s-server'), 'cis-1.5')).toThrow(/unknown benchmark "cis-1.5"/);
  });
});

describe('evaluation', () => {
  it('reports observed value and source: flag, config after drop-ins, default', () => {
    const hardened = load('kubeadm-cp-hardened');
    expect(result(hardened, 'cis-1.12', '1.2.15')).toMatchObject({
      status: 'PASS',
      observed: 'false',
      source: 'flag --profiling=true --profiling=false (process 201)',
    });
    expect(result(hardened, 'cis-1.12', '1.2.11')).toMatchObject({
      status: 'PASS',
      observed: 'NodeRestriction,EventRateLimit,AlwaysPullImages',
    });
    expect(result(hardened, 'cis-1.12', '4.2.10')).toMatchObject({
      status: 'PASS',
      observed: 'true',
      source:
        'config /var/lib/kubelet/config.yaml + /etc/kubernetes/kubelet.conf.d/10-cis.conf + /etc/kubernetes/kubelet.conf.d/20-rotation.conf: rotateCertificates',
    });
    expect(result(hardened, 'cis-1.12', '4.2.4')).toMatchObject({ status: 'PASS', observed: '0' });
    expect(result(hardened, 'cis-1.12', '2.2')).toMatchObject({
      status: 'PASS',
      source: 'environment ETCD_CLIENT_CERT_AUTH=true (process 204)',
    });
    expect(result(load('kubeadm-cp-default'), 'cis-1.12', '1.2.30')).toMatchObject({
      status: 'FAIL',
      observed: 'true',
      source: 'default: kube-apiserver --service-account-extend-token-expiration default true',
      reason: '--service-account-extend-token-expiration is not set; judged by the default',
    });
  });

  it('treats the kubelet zero duration in the file as the default, unlike a zero flag', () => {
    const r = result(load('kubeadm-cp-default'), 'cis-1.12', '4.2.5');
    expect(r.status).toBe('PASS');
    expect(r.observed).toBe('4h0m0s');
    expect(r.source).toMatch(
      /^default: streamingConnectionIdleTimeout: 0s in the config file is a zero duration/,
    );
    expect(result(load('insecure'), 'eks-1.8', '3.2.5')).toMatchObject({ status: 'FAIL', observed: '0' });
  });

  it('lets the kube-proxy --config file replace its flags, as kube-proxy does', () => {
    // kube-proxy loads --config over its parsed flags: --metrics-bind-address and --kubeconfig on the
    // command line are ignored when a config file is given ("This parameter is ignored if a config file is
    // specified by --config"), so the file, else the KubeProxyConfiguration default, decides.
    const facts = load('kubeadm-cp-hardened');
    const proxy = facts.components.find((c) => c.name === 'kube-proxy');
    if (!proxy?.config?.document) throw new Error('no kube-proxy config');
    proxy.argv = [
      ...proxy.argv,
      '--metrics-bind-address=0.0.0.0:10249',
      '--kubeconfig=/etc/kubernetes/proxy-world-readable.conf',
    ];
    facts.files['/etc/kubernetes/proxy-world-readable.conf'] = { type: 'file', mode: '666', uid: 0, gid: 0 };
    proxy.config.document.metricsBindAddress = '127.0.0.1:10249';
    expect(result(facts, 'cis-1.12', '4.3.1')).toMatchObject({
      status: 'PASS',
      observed: '127.0.0.1:10249',
      reason:
        'flag --metrics-bind-address=0.0.0.0:10249 is ignored: kube-proxy takes its settings from the --config file',
    });
    const perms = result(facts, 'cis-1.12', '4.1.3');
    expect(perms.observed).not.toContain('proxy-world-readable.conf');
    expect(perms.source).toContain('flag --kubeconfig=/etc/kubernetes/proxy-world-readable.conf is ignored');
    // Unset in the file: the kube-proxy default 127.0.0.1:10249, not the ignored flag.
    delete proxy.config.document.metricsBindAddress;
    expect(result(facts, 'cis-1.12', '4.3.1')).toMatchObject({
      status: 'PASS',
      observed: '127.0.0.1:10249',
      source: 'default: kube-proxy --metrics-bind-address default 127.0.0.1:10249',
    });
    // Without --config the flags are all kube-proxy has.
    delete proxy.config;
    proxy.argv = ['/usr/local/bin/kube-proxy', '--metrics-bind-address=0.0.0.0:10249'];
    expect(result(facts, 'cis-1.12', '4.3.1')).toMatchObject({
      status: 'FAIL',
      observed: '0.0.0.0:10249',
      source: 'flag --metrics-bind-address=0.0.0.0:10249 (process 401)',
    });
  });

  it('warns instead of judging the AlwaysAllow default when --authorization-config replaces the mode flag and the file was not collected', () => {
    // --authorization-config and --authorization-mode are mutually exclusive (kubernetes/kubernetes#120154):
    // with the file, the flag default AlwaysAllow is not in effect, so 1.2.6–1.2.8 must not FAIL on it.
    const facts = load('kubeadm-cp-hardened');
    const api = facts.components.find((c) => c.name === 'kube-apiserver');
    if (!api) throw new Error('no kube-apiserver');
    api.argv = api.argv.filter((a) => !a.startsWith('--authorization-mode'));
    expect(result(facts, 'cis-1.12', '1.2.6')).toMatchObject({ status: 'FAIL', observed: 'AlwaysAllow' });
    api.argv.push('--authorization-config=/etc/kubernetes/authz.yaml');
    for (const id of ['1.2.6', '1.2.7', '1.2.8']) {
      expect(result(facts, 'cis-1.12', id), id).toMatchObject({
        status: 'WARN',
        observed: null,
        reason:
          'kube-apiserver is configured by --authorization-config=/etc/kubernetes/authz.yaml instead of --authorization-mode, and that file was not collected; review it by hand',
      });
    }
  });

  it('uses the legacy flag defaults when the kubelet has no config file', () => {
    const facts = load('kubeadm-worker');
    const kubelet = facts.components.find((c) => c.name === 'kubelet');
    if (!kubelet) throw new Error('no kubelet');
    delete kubelet.config;
    kubelet.argv = ['/usr/bin/kubelet', '--client-ca-file=/etc/kubernetes/pki/ca.crt'];
    expect(result(facts, 'cis-1.12', '4.2.2')).toMatchObject({ status: 'FAIL', observed: 'AlwaysAllow' });
    expect(result(facts, 'cis-1.12', '4.2.1')).toMatchObject({ status: 'FAIL', observed: 'true' });
    expect(result(facts, 'eks-1.8', '3.2.4')).toMatchObject({ status: 'FAIL', observed: '10255' });
    expect(result(facts, 'cis-1.12', '4.1.9')).toMatchObject({ status: 'INFO' });
  });

  it('warns, never fails, when a file or the config file could not be read', () => {
    const facts = load('kubeadm-cp-default');
    facts.files['/etc/kubernetes/manifests/kube-apiserver.yaml'] = {
      type: 'unreadable',
      error: 'EACCES: permission denied',
    };
    expect(result(facts, 'cis-1.12', '1.1.1')).toMatchObject({
      status: 'WARN',
      reason: 'could not decide /etc/kubernetes/manifests/kube-apiserver.yaml: EACCES: permission denied',
    });
    const kubelet = facts.components.find((c) => c.name === 'kubelet');
    if (!kubelet?.config) throw new Error('no kubelet config');
    delete kubelet.config.document;
    kubelet.config.error = '/var/lib/kubelet/config.yaml: EACCES: permission denied';
    expect(result(facts, 'cis-1.12', '4.2.1')).toMatchObject({
      status: 'WARN',
      reason:
        '--anonymous-auth / authentication.anonymous.enabled is not on the command line and the config file could not be read or decoded: /var/lib/kubelet/config.yaml: EACCES: permission denied',
    });
  });

  it('gives INFO for files that do not exist, and judges modes as bitmasks', () => {
    const facts = load('kubeadm-cp-default');
    facts.files['/etc/kubernetes/super-admin.conf'] = { type: 'missing' };
    expect(result(facts, 'cis-1.12', '1.1.13')).toMatchObject({
      status: 'PASS',
      reason: '/etc/kubernetes/super-admin.conf does not exist (nothing to protect)',
    });
    facts.files['/etc/kubernetes/admin.conf'] = { type: 'missing' };
    expect(result(facts, 'cis-1.12', '1.1.13').status).toBe('INFO');
    const meta = facts.files['/etc/kubernetes/scheduler.conf'];
    if (!meta) throw new Error('no scheduler.conf');
    for (const [mode, status] of [
      ['400', 'PASS'],
      ['600', 'PASS'],
      ['640', 'FAIL'],
      ['700', 'FAIL'],
      ['4600', 'FAIL'],
      ['000', 'PASS'],
    ] as const) {
      meta.mode = mode;
      expect(result(facts, 'cis-1.12', '1.1.15').status, mode).toBe(status);
    }
  });

  it('never fails a check whose component is absent', () => {
    const r = result(load('kubeadm-worker'), 'cis-1.12', '1.2.15');
    expect(r).toMatchObject({ status: 'NOT_APPLICABLE', reason: 'kube-apiserver does not run on this node' });
  });

  it('is deterministic', () => {
    const facts = load('kubeadm-cp-default');
    const a = JSON.stringify(evaluate(facts, selectBenchmark(facts, 'auto')));
    expect(JSON.stringify(evaluate(load('kubeadm-cp-default'), selectBenchmark(facts, 'auto')))).toBe(a);
  });
});

describe('value helpers', () => {
  it('recognises zero Go durations', () => {
    expect(['0', '0s', '0h0m0s', '0.0m'].map(isZeroDuration)).toEqual([true, true, true, true]);
    expect(['4h0m0s', '5m', '1ns'].map(isZeroDuration)).toEqual([false, false, false]);
    expect(isZeroDuration('soon')).toBeNull();
  });

  it('recognises loopback addresses with or without a port', () => {
    expect(['127.0.0.1:10249', '127.0.0.1', 'localhost:1', '[::1]:10249', '::1'].map(isLoopback)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['0.0.0.0:10249', ':10249', '10.0.0.1', '[::]:10249'].map(isLoopback)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
