import type { Finding, ResourceSummary, RuleInfo, ScanResult } from '../../engine/result.js';
import type { RuleRefs } from '../../engine/rule.js';
import type { ResourceRef, Severity } from '../../model/types.js';

// Hand-built scan results for the reporter tests. They cover every severity, findings with and without a
// container, both kinds of suppression, both problem levels, a path with a space and non-ASCII letters,
// a message with XML/HTML special characters, a rule that found nothing, and an empty result.

/** File with a space and non-ASCII letters in its path. */
export const WEB_FILE = 'manifests/web app/déploiement.yaml';
/** Second file, holding a cluster-scoped-style object with no namespace. */
export const JOBS_FILE = 'manifests/jobs.yaml';
/** File whose only finding is suppressed by config. */
export const DEBUG_FILE = 'pods/debug.yaml';

const DOCS = 'https://github.com/kubeward/kubeward/blob/main/docs/rules/';

function refs(partial: RuleRefs = {}): Required<RuleRefs> {
  return {
    cis: partial.cis ?? [],
    pss: partial.pss ?? [],
    nsa: partial.nsa ?? [],
    mitre: partial.mitre ?? [],
    kubesec: partial.kubesec ?? [],
  };
}

function rule(id: string, title: string, severity: Severity, ruleRefs: RuleRefs = {}): RuleInfo {
  return {
    id,
    title,
    description: `${title}: description of ${id}.`,
    remediation: `Fix ${id}.`,
    severity,
    refs: refs(ruleRefs),
    helpUri: `${DOCS}${id}.md`,
  };
}

/** The rules of {@link sampleResult}, deliberately not sorted. */
export const RULES: RuleInfo[] = [
  rule('workload/run-as-root', 'Container may run as root', 'high', {
    pss: ['restricted/running-as-non-root'],
  }),
  rule('workload/privileged', 'Container runs privileged', 'critical', {
    cis: ['5.2.2'],
    pss: ['baseline/privileged'],
    mitre: ['T1611'],
    kubesec: ['Privileged'],
  }),
  rule('workload/pod-security-context', 'Pod has no security context', 'medium'),
  rule('workload/image-tag', 'Image is not pinned', 'low', { nsa: ['supply-chain/image-digests'] }),
  rule('workload/service-account-token', 'Service account token is mounted', 'info'),
  rule('workload/host-network', 'Pod uses the host network', 'high', { pss: ['baseline/host-namespaces'] }),
];

const WEB: ResourceRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' };
const WEB_SERVICE: ResourceRef = { apiVersion: 'v1', kind: 'Service', namespace: 'prod', name: 'web' };
const NIGHTLY: ResourceRef = { apiVersion: 'batch/v1', kind: 'CronJob', namespace: null, name: 'nightly' };
const DEBUG: ResourceRef = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'debug' };

function resource(
  ref: ResourceRef,
  file: string,
  docIndex: number,
  line: number,
  score: number,
): ResourceSummary {
  return { ...ref, source: { file, docIndex, line, column: 1 }, score };
}

let serial = 0;
function finding(
  ruleId: string,
  resourceRef: ResourceRef,
  file: string,
  line: number,
  column: number,
  path: string,
  message: string,
  extra: Partial<Finding> = {},
): Finding {
  const info = RULES.find((r) => r.id === ruleId);
  if (!info) throw new Error(`unknown fixture rule ${ruleId}`);
  serial++;
  return {
    ruleId,
    severity: info.severity,
    title: info.title,
    message,
    resource: resourceRef,
    path,
    location: { file, line, column },
    remediation: info.remediation,
    refs: info.refs,
    fingerprint: serial.toString(16).padStart(32, 'f'),
    ...extra,
  };
}

/** A result with something of everything; its arrays are deliberately out of report order. */
export function sampleResult(): ScanResult {
  serial = 0;
  const C = '/spec/template/spec/containers';
  const findings: Finding[] = [
    finding(
      'workload/image-tag',
      NIGHTLY,
      JOBS_FILE,
      14,
      18,
      '/spec/jobTemplate/spec/template/spec/containers/0/image',
      'container "backup" uses image "registry.example/backup:<latest> & more" without a digest',
      { container: 'backup' },
    ),
    finding(
      'workload/privileged',
      WEB,
      WEB_FILE,
      24,
      13,
      `${C}/0/securityContext/privileged`,
      'container "app" runs privileged',
      {
        container: 'app',
      },
    ),
    finding('workload/run-as-root', WEB, WEB_FILE, 30, 9, `${C}/1`, 'container "sidecar" may run as root', {
      container: 'sidecar',
    }),
    finding(
      'workload/pod-security-context',
      WEB,
      WEB_FILE,
      18,
      7,
      '/spec/template/spec',
      'the pod sets no securityContext',
    ),
    finding(
      'workload/service-account-token',
      NIGHTLY,
      JOBS_FILE,
      9,
      11,
      '/spec/jobTemplate/spec/template/spec',
      'the service account token is mounted',
    ),
    finding(
      'workload/run-as-root',
      NIGHTLY,
      JOBS_FILE,
      12,
      11,
      '/spec/jobTemplate/spec/template/spec/containers/0',
      'container "backup" may run as root',
      {
        container: 'backup',
        suppressed: { by: 'annotation', reason: 'legacy image <needs root> & "approved"' },
      },
    ),
    finding(
      'workload/privileged',
      DEBUG,
      DEBUG_FILE,
      9,
      9,
      '/spec/containers/0/securityContext/privileged',
      'container "shell" runs privileged',
      {
        container: 'shell',
        suppressed: { by: 'config', reason: 'debug pod, approved in SEC-123' },
      },
    ),
  ];
  return {
    tool: { name: 'kubeward', version: '1.2.3' },
    resources: [
      resource(NIGHTLY, JOBS_FILE, 0, 1, -7),
      resource(WEB_SERVICE, WEB_FILE, 1, 41, 0),
      resource(WEB, WEB_FILE, 0, 1, -30),
      resource(DEBUG, DEBUG_FILE, 0, 1, -30),
    ],
    findings,
    problems: [
      {
        code: 'input/not-kubernetes',
        level: 'warning',
        message: 'document is YAML but not a Kubernetes object (no kind); not scanned',
        location: { file: 'charts/app/values.yaml', line: 1, column: 1 },
      },
      {
        code: 'input/parse-error',
        level: 'error',
        message: 'YAML syntax error: bad indentation of a mapping entry',
        location: { file: 'broken.yaml', line: 3, column: 7 },
      },
    ],
    rules: RULES,
    documents: 6,
  };
}

/** A scan that read nothing and ran no rule. */
export function emptyResult(): ScanResult {
  return {
    tool: { name: 'kubeward', version: '1.2.3' },
    resources: [],
    findings: [],
    problems: [],
    rules: [],
    documents: 0,
  };
}

/** The same result with every array reversed, to check that reports do not depend on input order. */
export function reversed(result: ScanResult): ScanResult {
  return {
    ...result,
    resources: [...result.resources].reverse(),
    findings: [...result.findings].reverse(),
    problems: [...result.problems].reverse(),
    rules: [...result.rules].reverse(),
  };
}
