import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluate, selectBenchmark, type Status } from '../evaluate.js';
import { parseFacts, stringifyFacts, type NodeFacts } from '../facts.js';
import { parseAuthorizationConfig } from './authorization.js';
import { collectFacts } from './collect.js';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

const AUTHZ = '/etc/kubernetes/authz.yaml';

/** A control-plane root whose kube-apiserver (root, started by init) uses --authorization-config. */
function apiserverTree(content: string | 'FIFO' | null): string {
  root = mkdtempSync(join(tmpdir(), 'kubeward-authz-'));
  const proc = join(root, 'proc/100');
  mkdirSync(proc, { recursive: true });
  writeFileSync(
    join(proc, 'cmdline'),
    `kube-apiserver\0--authorization-config=${AUTHZ}\0--profiling=false\0`,
  );
  writeFileSync(join(proc, 'status'), 'Name:\tkube-apiserver\nPPid:\t1\nUid:\t0\t0\t0\t0\n');
  const file = join(root, AUTHZ);
  mkdirSync(dirname(file), { recursive: true });
  if (content === 'FIFO') execFileSync('mkfifo', [file]);
  else if (content !== null) writeFileSync(file, content);
  return root;
}

function verdicts(facts: NodeFacts): Record<string, { status: Status; reason?: string }> {
  const report = evaluate(facts, selectBenchmark(facts, 'cis-1.12'));
  const out: Record<string, { status: Status; reason?: string }> = {};
  for (const r of report.sections.flatMap((s) => s.groups.flatMap((g) => g.results)))
    if (['1.2.6', '1.2.7', '1.2.8'].includes(r.id))
      out[r.id] = r.reason === undefined ? { status: r.status } : { status: r.status, reason: r.reason };
  return out;
}

/** Collects the tree, and checks that the facts file written from it gives the same verdicts. */
function collectedVerdicts(
  content: string | 'FIFO' | null,
): Record<string, { status: Status; reason?: string }> {
  const facts = collectFacts({ root: apiserverTree(content) });
  const got = verdicts(facts);
  expect(verdicts(parseFacts(stringifyFacts(facts), 'facts.json'))).toEqual(got);
  return got;
}

const KUBEADM = `apiVersion: apiserver.config.k8s.io/v1
kind: AuthorizationConfiguration
authorizers:
  - type: Node
    name: node
  - type: RBAC
    name: rbac
`;

describe('CIS 1.2.6–1.2.8 from the AuthorizationConfiguration file', () => {
  it('passes all three for Node and RBAC (kubeadm v1.30+)', () => {
    const facts = collectFacts({ root: apiserverTree(KUBEADM) });
    expect(facts.components[0]?.authorization).toEqual({
      path: AUTHZ,
      authorizers: [
        { type: 'Node', name: 'node' },
        { type: 'RBAC', name: 'rbac' },
      ],
    });
    const report = evaluate(facts, selectBenchmark(facts, 'cis-1.12'));
    const r126 = report.sections
      .flatMap((s) => s.groups.flatMap((g) => g.results))
      .find((r) => r.id === '1.2.6');
    expect(r126).toMatchObject({
      status: 'PASS',
      observed: 'Node,RBAC',
      source: `authorization config ${AUTHZ} (--authorization-config=${AUTHZ}): authorizers Node, RBAC`,
    });
    expect(collectedVerdicts(KUBEADM)).toEqual({
      '1.2.6': { status: 'PASS' },
      '1.2.7': { status: 'PASS' },
      '1.2.8': { status: 'PASS' },
    });
  });

  it('fails 1.2.6 on AlwaysAllow, and 1.2.7/1.2.8 without Node/RBAC (JSON, v1beta1)', () => {
    const json = JSON.stringify({
      apiVersion: 'apiserver.config.k8s.io/v1beta1',
      kind: 'AuthorizationConfiguration',
      authorizers: [
        { type: 'RBAC', name: 'rbac' },
        { type: 'AlwaysAllow', name: 'everyone' },
      ],
    });
    expect(collectedVerdicts(json)).toEqual({
      '1.2.6': { status: 'FAIL' },
      '1.2.7': { status: 'FAIL' },
      '1.2.8': { status: 'PASS' },
    });
  });

  it('reports webhooks and their failure policy: Deny before RBAC can lock the cluster out', () => {
    const yaml = `apiVersion: apiserver.config.k8s.io/v1
kind: AuthorizationConfiguration
authorizers:
  - {type: Node, name: node}
  - type: Webhook
    name: opa
    webhook: {failurePolicy: Deny, timeout: 3s, subjectAccessReviewVersion: v1, matchConditionSubjectAccessReviewVersion: v1, connectionInfo: {type: InClusterConfig}}
  - type: Webhook
    name: audit
    webhook: {failurePolicy: NoOpinion, connectionInfo: {type: InClusterConfig}}
  - {type: RBAC, name: rbac}
`;
    const note =
      'webhook opa (failurePolicy Deny) comes before RBAC: while it cannot be reached, every request it is asked about is denied and RBAC is never consulted, which can lock the cluster out; ' +
      'webhook audit (failurePolicy NoOpinion) passes a request on to the next authorizer when it cannot be reached';
    expect(collectedVerdicts(yaml)).toEqual({
      '1.2.6': { status: 'PASS', reason: note },
      '1.2.7': { status: 'PASS', reason: note },
      '1.2.8': { status: 'PASS', reason: note },
    });
  });

  it('warns with the reason when the file is missing, a FIFO, undecodable or invalid', () => {
    const warn = (why: string) => {
      const reason = `kube-apiserver is configured by --authorization-config=${AUTHZ} instead of --authorization-mode, and that file could not be used: ${why}`;
      return {
        '1.2.6': { status: 'WARN', reason },
        '1.2.7': { status: 'WARN', reason },
        '1.2.8': { status: 'WARN', reason },
      };
    };
    expect(collectedVerdicts(null)).toEqual(warn(`${AUTHZ}: no such file or directory`));
    expect(collectedVerdicts('FIFO')).toEqual(
      warn(`${AUTHZ}: a FIFO (named pipe), not a regular file; not read`),
    );
    expect(collectedVerdicts('authorizers: [\n')).toMatchObject({
      '1.2.6': {
        status: 'WARN',
        reason: expect.stringMatching(
          /could not be used: \/etc\/kubernetes\/authz\.yaml:\d+:\d+: invalid YAML: /,
        ),
      },
    });
    expect(collectedVerdicts(KUBEADM.replace('type: Node', 'type: Nodes'))).toEqual(
      warn(
        `${AUTHZ}: authorizers[0].type: expected one of Node, RBAC, Webhook, AlwaysAllow, AlwaysDeny, ABAC`,
      ),
    );
  });
});

describe('parseAuthorizationConfig', () => {
  it('refuses what the API server would refuse to start with', () => {
    const doc = (authorizers: unknown, extra: Record<string, unknown> = {}) =>
      ({
        apiVersion: 'apiserver.config.k8s.io/v1',
        kind: 'AuthorizationConfiguration',
        authorizers,
        ...extra,
      }) as never;
    expect(parseAuthorizationConfig(doc([], { kind: 'KubeletConfiguration' }), '/a').error).toBe(
      '/a: kind is "KubeletConfiguration", expected AuthorizationConfiguration',
    );
    expect(parseAuthorizationConfig(doc([]), '/a').error).toBe('/a: authorizers: expected a non-empty list');
    expect(parseAuthorizationConfig(doc([{ type: 'Node' }]), '/a').error).toBe(
      '/a: authorizers[0].name: required',
    );
    expect(
      parseAuthorizationConfig(
        doc([
          { type: 'RBAC', name: 'a' },
          { type: 'RBAC', name: 'b' },
        ]),
        '/a',
      ).error,
    ).toBe('/a: authorizers[1].type: RBAC is listed twice');
    expect(parseAuthorizationConfig(doc([{ type: 'Webhook', name: 'w', webhook: {} }]), '/a').error).toBe(
      '/a: authorizers[0].webhook.failurePolicy: expected NoOpinion or Deny',
    );
    expect(
      parseAuthorizationConfig(
        doc([
          { type: 'Webhook', name: 'w1', webhook: { failurePolicy: 'Deny' } },
          { type: 'Webhook', name: 'w2', webhook: { failurePolicy: 'NoOpinion' } },
        ]),
        '/a',
      ),
    ).toEqual({
      path: '/a',
      authorizers: [
        { type: 'Webhook', name: 'w1', failurePolicy: 'Deny' },
        { type: 'Webhook', name: 'w2', failurePolicy: 'NoOpinion' },
      ],
    });
  });
});
