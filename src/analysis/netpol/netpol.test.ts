import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadText } from '../../load/documents.js';
import { analyzeNetpol, type NetpolAnalysis } from './analysis.js';
import { parseCalicoSelector, SelectorSyntaxError } from './calico-selector.js';
import { coverage } from './coverage.js';
import { formatConnections, formatExplanation } from './format.js';
import {
  generateDefaultDeny,
  generateFromConnections,
  parseConnectionList,
  toYamlStream,
  DEFAULT_GENERATE_OPTIONS,
} from './generate.js';
import { formatRange, parseCidr, rangeToCidrs } from './ip.js';
import { compileLabelSelector } from './label-selector.js';
import { PortSpace } from './ports.js';
import type { Endpoint } from './types.js';

function analyze(yaml: string, file = 'in.yaml', metadataEndpoint = true): NetpolAnalysis {
  const { resources, problems } = loadText(yaml, { file });
  expect(problems).toEqual([]);
  return analyzeNetpol(resources, { metadataEndpoint });
}

function fixture(name: string): NetpolAnalysis {
  const file = `test/fixtures/netpol/${name}/input.yaml`;
  return analyze(readFileSync(file, 'utf8'), file, false);
}

function one(a: NetpolAnalysis, q: string): Endpoint {
  const found = a.find(q);
  expect(found.map((e) => e.display)).toHaveLength(1);
  return found[0] as Endpoint;
}

const deployment = (ns: string, name: string, labels: string, extra = ''): string => `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${ns} }
spec:
  template:
    metadata: { labels: ${labels} }
    spec:${extra}
      containers: [{ name: main, image: app:1 }]
`;

describe('connection sets', () => {
  it('print like netpol-analyzer: protocols by name, ports merged into ranges, All/No Connections', () => {
    const space = new PortSpace([80, 81, 443, 444, 8000, 8081, 53, 54], ['ICMP']);
    const set = space
      .range('UDP', 53, 53)
      .union(space.range('TCP', 80, 80))
      .union(space.range('TCP', 443, 443));
    expect(set.toString()).toBe('TCP 80,443,UDP 53');
    expect(
      space
        .range('TCP', 8000, 8080)
        .union(space.range('SCTP', 1, 65535))
        .toString(),
    ).toBe('SCTP 1-65535,TCP 8000-8080');
    expect(space.all().toString()).toBe('All Connections');
    expect(space.none().toString()).toBe('No Connections');
    expect(
      space
        .all()
        .minus(space.range('TCP', 80, 80))
        .toString(),
    ).toBe('ICMP,SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535,other protocols');
    expect(space.protocol('1').toString()).toBe('ICMP');
  });
});

describe('addresses', () => {
  it('parse CIDRs, format ranges, and cover ranges with CIDRs', () => {
    expect(formatRange(parseCidr('172.17.1.7/24')!)).toBe('172.17.1.0-172.17.1.255');
    expect(formatRange(parseCidr('fd00::/120')!)).toBe('fd00::-fd00::ff');
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0/8')).toBeUndefined();
    expect(rangeToCidrs({ family: 4, start: 0n, end: (1n << 32n) - 1n })).toEqual(['0.0.0.0/0']);
    const r = parseCidr('10.0.0.0/24')!;
    expect(rangeToCidrs({ family: 4, start: r.start + 1n, end: r.start + 6n })).toEqual([
      '10.0.0.1/32',
      '10.0.0.2/31',
      '10.0.0.4/31',
      '10.0.0.6/32',
    ]);
  });
});

describe('Kubernetes label selectors', () => {
  it('AND matchLabels with matchExpressions; NotIn and DoesNotExist match a missing key', () => {
    const errors: { pointer: string; message: string }[] = [];
    const s = compileLabelSelector(
      {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['db'] },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      },
      '/sel',
      errors,
    );
    expect(errors).toEqual([]);
    expect(s.matches({ app: 'web' })).toBe(true);
    expect(s.matches({ app: 'web', tier: 'front' })).toBe(true);
    expect(s.matches({ app: 'web', tier: 'db' })).toBe(false);
    expect(s.matches({ app: 'web', legacy: 'x' })).toBe(false);
    expect(s.matches({ tier: 'front' })).toBe(false);
    const bad = compileLabelSelector(
      { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] },
      '/sel',
      errors,
    );
    expect(bad.matches({ a: 'b' })).toBe(false);
    expect(errors).toEqual([
      {
        pointer: '/sel/matchExpressions/0/operator',
        message: 'unknown operator "Equals" (expected In, NotIn, Exists or DoesNotExist)',
      },
    ]);
  });

  it('see only the labels an object has, not names every JavaScript object answers to', () => {
    const exists = (key: string) =>
      compileLabelSelector({ matchExpressions: [{ key, operator: 'Exists' }] }, '/sel', []);
    for (const key of ['constructor', 'toString', 'hasOwnProperty']) {
      expect(exists(key).matches({ app: 'web' })).toBe(false);
      expect(exists(key).matches({ [key]: 'x' })).toBe(true);
    }
    const absent = compileLabelSelector(
      { matchExpressions: [{ key: 'valueOf', operator: 'DoesNotExist' }] },
      '/sel',
      [],
    );
    expect(absent.matches({ app: 'web' })).toBe(true);
  });
});

describe('Calico selectors', () => {
  const m = (sel: string, labels: Record<string, string>): boolean =>
    parseCalicoSelector(sel).matches({ labels });
  it('implement the operators', () => {
    expect(m("app == 'web'", { app: 'web' })).toBe(true);
    expect(m('app != "web"', {})).toBe(true);
    expect(m("app in {'a', 'b'}", { app: 'b' })).toBe(true);
    expect(m("app in {'a', 'b'}", {})).toBe(false);
    expect(m("app not in {'a'}", {})).toBe(true);
    expect(m('has(app)', { app: '' })).toBe(true);
    expect(m('!has(app)', { app: 'x' })).toBe(false);
    expect(m("name contains 'ell'", { name: 'hello' })).toBe(true);
    expect(m("name starts with 'he'", { name: 'hello' })).toBe(true);
    expect(m("name ends with 'lo'", { name: 'hello' })).toBe(true);
    expect(m('all()', {})).toBe(true);
    expect(m('global()', { a: 'b' })).toBe(false);
    expect(parseCalicoSelector('global()').matches({ labels: {}, global: true })).toBe(true);
    expect(m("projectcalico.org/name == 'kube-system'", { 'projectcalico.org/name': 'kube-system' })).toBe(
      true,
    );
  });

  it('see only the labels an object has, not names every JavaScript object answers to', () => {
    expect(m('has(constructor)', { app: 'web' })).toBe(false);
    expect(m('!has(toString)', { app: 'web' })).toBe(true);
    expect(m("constructor != 'x'", {})).toBe(true);
    expect(m("hasOwnProperty not in {'x'}", {})).toBe(true);
    expect(m("valueOf starts with 'f'", {})).toBe(false);
    expect(m('has(constructor)', { constructor: '' })).toBe(true);
  });

  it('bind && tighter than ||, ! tighter than &&, and honour parentheses', () => {
    // a || (b && c): true with only a.
    expect(m("a == 'x' || b == 'x' && c == 'x'", { a: 'x' })).toBe(true);
    expect(m("(a == 'x' || b == 'x') && c == 'x'", { a: 'x' })).toBe(false);
    // (!a) && b
    expect(m('!has(a) && has(b)', { b: '1' })).toBe(true);
    expect(m('!(has(a) && has(b))', { a: '1', b: '1' })).toBe(false);
  });

  it('report syntax errors with the column in the expression', () => {
    const err = (sel: string): [string, number] => {
      try {
        parseCalicoSelector(sel);
      } catch (e) {
        if (e instanceof SelectorSyntaxError) return [e.message, e.column];
        throw e;
      }
      throw new Error('no error');
    };
    expect(err('app == ')).toEqual(['expected a quoted string but found end of selector', 8]);
    expect(err("app = 'x'")).toEqual(['unexpected character "="', 5]);
    expect(err('has(app')).toEqual(['expected ")" but found end of selector', 8]);
    expect(err("app == 'x' &&")).toEqual([
      'expected a label name, has(), all() or "(" but found end of selector',
      14,
    ]);
    expect(err("app == 'x")).toEqual(["unterminated string starting with '", 8]);
    expect(err("a in {'x' 'y'}")).toEqual(['expected "," or "}" but found string \'y\'', 11]);
  });

  it('a bad selector in a policy is reported with file and line, and the rule matches nothing', () => {
    const a = analyze(
      deployment('shop', 'web', '{ app: web }') +
        `---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: { name: broken, namespace: shop }
spec:
  selector: app == 'web'
  ingress:
    - action: Allow
      source:
        selector: app = 'client'
`,
      'policies.yaml',
    );
    expect(a.notes.filter((n) => n.level === 'error')).toEqual([
      {
        level: 'error',
        message: `invalid selector "app = 'client'": unexpected character "=" (column 5 of the expression); it matches nothing`,
        location: { file: 'policies.yaml', line: 19, column: 9 },
      },
    ]);
    const web = one(a, 'shop/web');
    // The policy still isolates web for ingress; the broken Allow opens nothing.
    expect(a.isIsolated(web, 'ingress')).toBe(true);
    expect(a.connections().filter((c) => c.dst === web)).toEqual([]);
  });
});

describe('hostile Calico selectors', () => {
  const calico = (name: string, selector: string): string => `---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: { name: ${name}, namespace: shop }
spec:
  selector: ${JSON.stringify(selector)}
  ingress:
    - action: Allow
`;
  const denyWeb = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Ingress]
`;

  it('2,500 nested parentheses are an invalid selector at the policy line; other policies still apply', () => {
    const nested = '('.repeat(2500) + "app == 'web'" + ')'.repeat(2500);
    expect(nested.length).toBeGreaterThan(5000);
    const a = analyze(
      deployment('shop', 'web', '{ app: web }') + calico('deep', nested) + denyWeb,
      'deep.yaml',
    );
    const errors = a.notes.filter((n) => n.level === 'error');
    expect(errors).toEqual([
      {
        level: 'error',
        message: `invalid selector "${'('.repeat(120)}"… (5012 characters): parentheses nested deeper than 100 levels (column 101 of the expression); it matches nothing`,
        // deployment() fills lines 1-9; the policy's spec.selector key is on line 15.
        location: { file: 'deep.yaml', line: 15, column: 3 },
      },
    ]);
    const web = one(a, 'shop/web');
    // The broken Calico policy selects nothing; the Kubernetes one still isolates web and allows nothing in.
    expect(a.policiesFor(web, 'ingress').map((p) => p.label)).toEqual(['NetworkPolicy shop/deny-web']);
    expect(a.connections().filter((c) => c.dst === web)).toEqual([]);
  });

  it('100 nested parentheses are still accepted', () => {
    const sel = '('.repeat(100) + "app == 'web'" + ')'.repeat(100);
    expect(parseCalicoSelector(sel).matches({ labels: { app: 'web' } })).toBe(true);
    expect(() => parseCalicoSelector('(' + sel + ')')).toThrow(SelectorSyntaxError);
  });

  it('50,000 negations are read without recursion and keep their meaning', () => {
    const even = parseCalicoSelector('!'.repeat(50000) + 'has(app)');
    expect(even.matches({ labels: { app: 'x' } })).toBe(true);
    expect(even.matches({ labels: {} })).toBe(false);
    expect(even.isAll).toBe(false);
    const odd = parseCalicoSelector('!'.repeat(50001) + 'has(app)');
    expect(odd.matches({ labels: { app: 'x' } })).toBe(false);
    expect(odd.matches({ labels: {} })).toBe(true);
  });

  it('long && and || chains evaluate without recursion', () => {
    const terms = Array.from({ length: 100000 }, (_, i) => `k${i % 7} == 'v'`);
    const labels = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`k${i}`, 'v']));
    const and = parseCalicoSelector(terms.join(' && '));
    expect(and.matches({ labels })).toBe(true);
    expect(and.matches({ labels: { ...labels, k6: 'w' } })).toBe(false);
    const or = parseCalicoSelector(terms.join(' || '));
    expect(or.matches({ labels: { k6: 'v' } })).toBe(true);
    expect(or.matches({ labels: {} })).toBe(false);
  });
});

describe('invalid Kubernetes policies', () => {
  it('are reported with file and line; invalid peers and ports match nothing', () => {
    const a = analyze(
      deployment('shop', 'web', '{ app: web }') +
        `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: bad, namespace: shop }
spec:
  podSelector: {}
  ingress:
    - from:
        - ipBlock: { cidr: 10.0.0.0/8 }
          podSelector: {}
    - from:
        - ipBlock: { cidr: 10.0.0.0/8, except: [192.168.0.0/16] }
    - ports:
        - { port: http, endPort: 90 }
        - { port: 80, protocol: ICMP }
`,
      'bad.yaml',
    );
    expect(a.notes.filter((n) => n.level === 'error').map((n) => [n.location?.line, n.message])).toEqual([
      [18, 'a peer may not combine ipBlock with podSelector or namespaceSelector; the peer matches nothing'],
      [21, 'except 192.168.0.0/16 must be strictly inside 10.0.0.0/8; the peer matches nothing'],
      [23, 'endPort cannot be used with the named port "http"; the port entry matches nothing'],
      [24, 'protocol "ICMP" is not TCP, UDP or SCTP; the port entry matches nothing'],
    ]);
    expect(
      formatConnections(
        a.connections().filter((c) => c.dst.display === 'shop/web[Deployment]'),
        'txt',
      ),
    ).toBe('');
  });
});

describe('the metadata endpoint', () => {
  it('is split out as its own external endpoint, and an ipBlock except removes it', () => {
    const a = analyze(
      deployment('shop', 'web', '{ app: web }') +
        `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: internet, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  egress:
    - to: [{ ipBlock: { cidr: 0.0.0.0/0, except: [169.254.169.254/32] } }]
      ports: [{ port: 443 }]
`,
    );
    expect(formatConnections(a.connections(), 'txt')).toBe(
      [
        'shop/web[Deployment] => 0.0.0.0-169.254.169.253[External] : TCP 443',
        'shop/web[Deployment] => 169.254.169.255-255.255.255.255[External] : TCP 443',
        '',
      ].join('\n'),
    );
    expect(a.find('cloud-metadata').map((e) => e.display)).toEqual([
      '169.254.169.254-169.254.169.254[External]',
    ]);
    expect(a.find('169.254.169.254').map((e) => e.display)).toEqual([
      '169.254.169.254-169.254.169.254[External]',
    ]);
  });
});

describe('explain', () => {
  it('names the Calico Deny that overrides a Kubernetes allow, with file:line', () => {
    const a = fixture('calico-deny-log');
    const x = a.explain(one(a, 'shop/attacker'), one(a, 'shop/web'));
    expect(x.allowed.isEmpty()).toBe(true);
    const text = formatExplanation({
      src: one(a, 'shop/attacker'),
      dst: one(a, 'shop/web'),
      asked: a.space.all(),
      ...x,
    });
    const f = 'test/fixtures/netpol/calico-deny-log/input.yaml';
    expect(text).toBe(
      [
        'shop/attacker[Deployment] => shop/web[Deployment] (all connections): DENIED',
        '',
        'egress from shop/attacker[Deployment] to shop/web[Deployment]: allowed All Connections',
        '  not isolated for egress: no policy selects shop/attacker[Deployment] for egress, so everything is allowed',
        '',
        'ingress to shop/web[Deployment] from shop/attacker[Deployment]: denied',
        '  isolated for ingress by:',
        `    Calico NetworkPolicy shop/deny-attacker (${f}:42) tier default, order 100`,
        `    NetworkPolicy shop/allow-web (${f}:33)`,
        `  Calico NetworkPolicy shop/deny-attacker ingress rule 1 (${f}:49) denies: All Connections`,
        '',
      ].join('\n'),
    );
    // The client is allowed by the Kubernetes rule, and its egress passes a Log rule first.
    const y = a.explain(one(a, 'shop/client'), one(a, 'shop/web'));
    expect(y.allowed.toString()).toBe('TCP 80');
    expect(
      y.egress.steps.map((s) => [s.kind, s.action, s.rule?.location.line ?? null, s.conns.toString()]),
    ).toEqual([
      ['rule', 'Log', 62, 'All Connections'],
      ['rule', 'Allow', 63, 'TCP 80'],
      ['tier-default', 'Deny', null, 'SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535,other protocols'],
    ]);
    expect(y.ingress.steps.map((s) => [s.action, s.rule?.location.line])).toEqual([['Allow', 39]]);
  });

  it('follows a Pass into the next tier', () => {
    const a = fixture('calico-tiers-pass');
    const x = a.explain(one(a, 'app/worker'), one(a, 'app/api'), a.space.range('TCP', 8080, 8080));
    expect(x.allowed.toString()).toBe('TCP 8080');
    expect(x.ingress.steps.map((s) => [s.kind, s.action, s.rule?.location.line ?? s.tier])).toEqual([
      ['rule', 'Pass', 54],
      ['rule', 'Allow', 80],
    ]);
    const b = a.explain(one(a, 'app/batch'), one(a, 'app/api'));
    expect(b.allowed.toString()).toBe('TCP 443');
    expect(b.ingress.steps.map((s) => [s.kind, s.action, s.rule?.location.line ?? s.tier])).toEqual([
      ['rule', 'Allow', 57],
      ['tier-default', 'Deny', 'security'],
    ]);
  });
});

describe('coverage', () => {
  it('lists unisolated workloads, namespaces without default deny, empty policies and dead rules', () => {
    const a = analyze(
      `apiVersion: v1
kind: Namespace
metadata: { name: quiet }
` +
        deployment('shop', 'web', '{ app: web }') +
        `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-in, namespace: shop }
spec:
  podSelector: {}
  ingress:
    - from: [{ podSelector: { matchLabels: { app: nobody } } }]
  egress:
    - to: [{ podSelector: {} }]
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: typo, namespace: shop }
spec:
  podSelector: { matchLabels: { app: wbe } }
`,
      'c.yaml',
    );
    const report = coverage(a);
    expect(report.notIsolated.ingress.map((u) => u.workload.display)).toEqual([]);
    expect(report.notIsolated.egress.map((u) => u.workload.display)).toEqual(['shop/web[Deployment]']);
    expect(report.withoutDefaultDeny).toEqual({ ingress: ['quiet'], egress: ['quiet', 'shop'] });
    expect(report.selectsNothing.map((p) => p.label)).toEqual(['NetworkPolicy shop/typo']);
    expect(
      report.deadRules.map((d) => [d.rule.policy.name, d.rule.direction, d.rule.location.line, d.reason]),
    ).toEqual([
      ['deny-in', 'ingress', 20, 'its sources match no endpoint of the input'],
      ['deny-in', 'egress', 22, 'policyTypes does not include Egress'],
    ]);
    expect(report.assumedNamespaces).toEqual(['shop']);
  });
});

describe('generate', () => {
  it('from-connections yields exactly the intended connections (plus DNS), and blocks the metadata address', () => {
    const input =
      `apiVersion: v1
kind: Namespace
metadata: { name: kube-system }
` +
      deployment('kube-system', 'coredns', '{ k8s-app: kube-dns }') +
      deployment('shop', 'web', '{ app: web }') +
      deployment('shop', 'api', '{ app: api }') +
      deployment('data', 'db', '{ app: db }');
    const base = analyze(input);
    const wanted = `# intended
shop/web[Deployment] => shop/api[Deployment] : TCP 8080
shop/api[Deployment] => data/db[Deployment] : TCP 5432
shop/api[Deployment] => 0.0.0.0-255.255.255.255[External] : TCP 443
0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : TCP 443
shop/web[Deployment] => 169.254.169.254-169.254.169.254[External] : TCP 80
`;
    const parsed = parseConnectionList(base, wanted, 'wanted.txt');
    expect(parsed.notes).toEqual([]);
    const result = generateFromConnections(parsed.connections, DEFAULT_GENERATE_OPTIONS, base);
    expect(result.notes.map((n) => n.message)).toEqual([
      'line 6: connections to the cloud metadata address 169.254.169.254 are not generated; it stays blocked',
    ]);
    const after = analyze(input + '---\n' + toYamlStream(result.objects), 'after.yaml', false);
    expect(after.notes.filter((n) => n.level !== 'info')).toEqual([]);
    const lines = formatConnections(after.connections(), 'txt')
      .split('\n')
      .filter((l) => !l.startsWith('kube-system/') && !l.includes('=> kube-system/') && l !== '');
    expect(lines).toEqual([
      '0.0.0.0-169.254.169.253[External] => shop/web[Deployment] : TCP 443',
      '169.254.169.255-255.255.255.255[External] => shop/web[Deployment] : TCP 443',
      'shop/api[Deployment] => 0.0.0.0-169.254.169.253[External] : TCP 443',
      'shop/api[Deployment] => 169.254.169.255-255.255.255.255[External] : TCP 443',
      'shop/api[Deployment] => data/db[Deployment] : TCP 5432',
      'shop/web[Deployment] => shop/api[Deployment] : TCP 8080',
    ]);
    // DNS to kube-dns stays open from every generated namespace.
    for (const from of ['shop/web', 'shop/api', 'data/db'])
      expect(after.allowed(one(after, from), one(after, 'kube-system/coredns')).toString()).toBe(
        'TCP 53,UDP 53',
      );
  });

  it('default-deny for Calico denies the metadata address first and keeps DNS', () => {
    const yaml = toYamlStream(generateDefaultDeny(['shop'], { ...DEFAULT_GENERATE_OPTIONS, calico: true }));
    const a = analyze(
      deployment('shop', 'web', '{ app: web }') +
        deployment('kube-system', 'dns', '{ k8s-app: kube-dns }') +
        '---\n' +
        yaml,
    );
    const web = one(a, 'shop/web');
    expect(a.allowed(web, one(a, 'cloud-metadata')).isEmpty()).toBe(true);
    expect(a.allowed(web, one(a, 'kube-system/dns')).toString()).toBe('TCP 53,UDP 53');
    expect(a.explain(web, one(a, 'cloud-metadata')).egress.steps[0]?.rule?.action).toBe('Deny');
  });
});

describe('scale', () => {
  it('groups interchangeable endpoints into one equivalence class', () => {
    let yaml = '';
    for (let i = 0; i < 50; i++) yaml += deployment('bulk', `w${i}`, `{ app: w${i} }`);
    const a = analyze(yaml, 'bulk.yaml', false);
    // 50 workloads no selector tells apart + one external range.
    expect(a.classes).toBe(2);
    expect(a.connections()).toHaveLength(50 * 49 + 2 * 50);
  });

  it('produces the connection list lazily, in order, without building the N² pairs', () => {
    let yaml = '';
    for (let i = 0; i < 4000; i++) yaml += deployment('bulk', `w${String(i).padStart(4, '0')}`, '{ app: x }');
    const a = analyze(yaml, 'bulk.yaml', false);
    // 16 million connections in all; the first few come without computing the rest.
    const first: string[] = [];
    for (const c of a.connectionStream()) {
      first.push(`${c.src.display} => ${c.dst.display} : ${c.conns.toString()}`);
      if (first.length === 4002) break;
    }
    expect(first.slice(0, 2)).toEqual([
      '0.0.0.0-255.255.255.255[External] => bulk/w0000[Deployment] : All Connections',
      '0.0.0.0-255.255.255.255[External] => bulk/w0001[Deployment] : All Connections',
    ]);
    expect(first.slice(3999)).toEqual([
      '0.0.0.0-255.255.255.255[External] => bulk/w3999[Deployment] : All Connections',
      'bulk/w0000[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'bulk/w0000[Deployment] => bulk/w0001[Deployment] : All Connections',
    ]);
  });

  it('orders sources and destinations sharing a name by destination first, then input order', () => {
    // Two copies of shop/web and of shop/db (the same objects in two files). The second web may only send
    // TCP 5432; the second db also takes TCP 6000 from anyone.
    const policy = (name: string, spec: string): string => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: shop }
spec:
${spec}`;
    const a = analyze(
      deployment('shop', 'web', '{ app: web }') +
        deployment('shop', 'db', '{ app: db }') +
        deployment('shop', 'web', '{ app: web, copy: two }') +
        deployment('shop', 'db', '{ app: db, copy: two }') +
        policy(
          'db-from-web',
          `  podSelector: { matchLabels: { app: db } }
  ingress: [{ from: [{ podSelector: { matchLabels: { app: web } } }], ports: [{ port: 5432 }] }]
`,
        ) +
        policy(
          'db-two',
          `  podSelector: { matchLabels: { app: db, copy: two } }
  ingress: [{ ports: [{ port: 6000 }] }]
`,
        ) +
        policy(
          'web-two-egress',
          `  podSelector: { matchLabels: { app: web, copy: two } }
  policyTypes: [Egress]
  egress: [{ ports: [{ port: 5432 }] }]
`,
        ),
      'dup.yaml',
      false,
    );
    const fromWeb = formatConnections(a.connectionStream(), 'txt')
      .split('\n')
      .filter((l) => l.startsWith('shop/web[Deployment] =>'));
    expect(fromWeb).toEqual([
      'shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : TCP 5432',
      'shop/web[Deployment] => shop/db[Deployment] : TCP 5432',
      'shop/web[Deployment] => shop/db[Deployment] : TCP 5432,6000',
      'shop/web[Deployment] => shop/db[Deployment] : TCP 5432',
      'shop/web[Deployment] => shop/db[Deployment] : TCP 5432',
      'shop/web[Deployment] => shop/web[Deployment] : All Connections',
      'shop/web[Deployment] => shop/web[Deployment] : TCP 5432',
    ]);
    expect(formatConnections(a.connections(), 'txt')).toBe(formatConnections(a.connectionStream(), 'txt'));
  });
});

describe('assumptions the analysis states', () => {
  it('warns about hostNetwork workloads, whose policy treatment is undefined, with file and line', () => {
    const a = analyze(
      deployment('kube-system', 'agent', '{ app: agent }', '\n      hostNetwork: true') +
        deployment('shop', 'web', '{ app: web }'),
      'h.yaml',
    );
    expect(a.notes.filter((n) => n.level !== 'info')).toEqual([
      {
        level: 'warning',
        message:
          "kube-system/agent[Deployment] uses hostNetwork: how network policies treat host-network pods is undefined (most CNIs see their traffic as the node's and do not isolate them); it is analysed as a pod",
        location: { file: 'h.yaml', line: 9, column: 7 },
      },
    ]);
  });

  it('warns once per rule about a named port no container declares (with that protocol)', () => {
    const a = analyze(
      deployment('shop', 'web', '{ app: web }') +
        `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-in, namespace: shop }
spec:
  podSelector: {}
  ingress:
    - ports: [{ port: http }, { port: http }, { port: 8080 }]
`,
      'n.yaml',
    );
    expect(a.notes.filter((n) => n.level !== 'info').map((n) => [n.location?.line, n.message])).toEqual([
      [
        17,
        'NetworkPolicy shop/web-in ingress rule 1: no container of the input declares the TCP port named "http"; it matches nothing',
      ],
    ]);
    // The numeric port still applies: the rule is not dead, only its named entries are.
    expect(a.ruleConnections(a.policies[0]!.ingress[0]!, a.workloads).toString()).toBe('TCP 8080');
  });
});
