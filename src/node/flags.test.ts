import { describe, expect, it } from 'vitest';
import { componentArgs, parseArgs, splitCommandLine } from './flags.js';

const value = (args: string[], name: string) => parseArgs(args).flags.get(name)?.value;

describe('parseArgs (pflag / Go flag semantics)', () => {
  it('reads --flag=value and --flag value for non-boolean flags', () => {
    expect(value(['--config=/etc/a.yaml'], 'config')).toBe('/etc/a.yaml');
    expect(value(['--config', '/etc/a.yaml'], 'config')).toBe('/etc/a.yaml');
    expect(value(['--kubeconfig', '/var/lib/kubelet/kubeconfig', '--v=2'], 'kubeconfig')).toBe(
      '/var/lib/kubelet/kubeconfig',
    );
  });

  it('never gives a boolean flag the next argument', () => {
    const parsed = parseArgs(['--profiling', 'false', '--anonymous-auth=False']);
    expect(parsed.flags.get('profiling')?.value).toBe('true');
    expect(parsed.positional).toEqual(['false']);
    expect(parsed.flags.get('anonymous-auth')?.value).toBe('false');
    expect(value(['--profiling=0'], 'profiling')).toBe('false');
    expect(value(['--profiling=T'], 'profiling')).toBe('true');
  });

  it('keeps the last value of a repeated scalar flag', () => {
    expect(value(['--bind-address=0.0.0.0', '--bind-address=127.0.0.1'], 'bind-address')).toBe('127.0.0.1');
    expect(parseArgs(['--profiling=true', '--profiling=false']).flags.get('profiling')?.occurrences).toEqual([
      '--profiling=true',
      '--profiling=false',
    ]);
  });

  it('splits comma lists and appends repeated list flags', () => {
    expect(
      value(['--enable-admission-plugins=NodeRestriction, EventRateLimit,'], 'enable-admission-plugins'),
    ).toEqual(['NodeRestriction', 'EventRateLimit']);
    expect(value(['--tls-cipher-suites=A,B', '--tls-cipher-suites', 'C'], 'tls-cipher-suites')).toEqual([
      'A',
      'B',
      'C',
    ]);
  });

  it('merges repeated map flags key by key, later values winning', () => {
    expect(value(['--feature-gates=A=true,B=false', '--feature-gates=B=true'], 'feature-gates')).toEqual({
      A: 'true',
      B: 'true',
    });
  });

  it('accepts Go-style single-dash flags (etcd) and stops at --', () => {
    expect(value(['-auto-tls'], 'auto-tls')).toBe('true');
    expect(value(['-data-dir', '/var/lib/etcd'], 'data-dir')).toBe('/var/lib/etcd');
    expect(parseArgs(['--a=1', '--', '--b=2']).positional).toEqual(['--b=2']);
  });

  it('does not let an unknown flag swallow the next flag', () => {
    const parsed = parseArgs(['--some-new-bool', '--config=/x']);
    expect(parsed.flags.get('some-new-bool')?.value).toBe('true');
    expect(parsed.flags.get('config')?.value).toBe('/x');
  });

  it('does not confuse a flag with another it is a prefix of (kube-bench #137)', () => {
    const parsed = parseArgs(['--admission-control-config-file=/etc/a.yaml']);
    expect(parsed.flags.has('admission-control')).toBe(false);
  });
});

describe('componentArgs', () => {
  it('drops argv[0] and the subcommand words of hyperkube, k3s and rke2', () => {
    expect(componentArgs(['/usr/bin/kubelet', '--v=2'])).toEqual(['--v=2']);
    expect(componentArgs(['hyperkube', 'kubelet', '--v=2'])).toEqual(['--v=2']);
    expect(componentArgs(['/usr/local/bin/k3s', 'server', '--disable=traefik'])).toEqual([
      '--disable=traefik',
    ]);
  });
});

describe('splitCommandLine', () => {
  it('handles quotes, escapes and line continuations', () => {
    expect(splitCommandLine(`/usr/bin/kubelet "--a=b c" '--d=$E' x\\ y \\\n --z`)).toEqual([
      '/usr/bin/kubelet',
      '--a=b c',
      '--d=$E',
      'x y',
      '--z',
    ]);
  });
});
