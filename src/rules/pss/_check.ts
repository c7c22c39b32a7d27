import { PSS_CHECKS, type PssCheckId } from '../../analysis/pss/checks.js';
import { evaluateCheck, podInputOf } from '../../analysis/pss/evaluate.js';
import { LATEST } from '../../analysis/pss/version.js';
import { defineRule, type Rule, type RuleExamples } from '../../engine/rule.js';
import type { Severity } from '../../model/types.js';

/** What differs between the `pss/` rules: everything else comes from the check they wrap. */
export interface PssRuleSpec {
  check: PssCheckId;
  title: string;
  description: string;
  remediation: string;
  severity: Severity;
  examples: RuleExamples;
}

/**
 * A rule that reports one Pod Security Standards check at policy version `latest`, with the API server's
 * reason and detail. Baseline checks belong to both PSS presets; restricted checks to `pss-restricted` only.
 */
export function pssRule(spec: PssRuleSpec): Rule<'violation'> {
  const check = PSS_CHECKS.find((c) => c.id === spec.check);
  if (!check) throw new Error(`unknown PSS check ${spec.check}`);
  const ruleId = (id: PssCheckId): string =>
    `pss/${id.replace(/_/g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  // The baseline checks the newest revision replaces at the restricted level, as the API server does.
  const supersedes = (check.revisions.at(-1)?.overrides ?? []).map(ruleId);
  const policy = `${check.level}:latest`;
  return defineRule({
    id: ruleId(spec.check),
    meta: {
      title: spec.title,
      description: spec.description,
      remediation: spec.remediation,
      severity: spec.severity,
      kinds: ['workload'],
      refs: { pss: [`${check.level}/${spec.check}`] },
      presets: check.level === 'baseline' ? ['pss-baseline', 'pss-restricted'] : ['pss-restricted'],
      options: {},
      messages: {
        violation: `violates PodSecurity "{{policy}}" check {{check}}: {{reason}} ({{detail}})`,
      },
      ...(supersedes.length > 0 ? { supersedes } : {}),
      notes: `Evaluates pod-security-admission's \`${spec.check}\` check at policy version \`latest\`, with the API server's wording; \`kubeward pss\` evaluates any level and version.`,
    },
    check({ resource, workload, report }) {
      if (!workload) return;
      const pod = podInputOf(resource);
      const violation = pod && evaluateCheck(spec.check, pod, LATEST);
      if (!violation) return;
      // A violation names a container when every field it points at belongs to that one container, so
      // that container exemptions and reports can use it; pod-level and multi-container ones name none.
      const within = (pointer: string, base: string): boolean =>
        pointer === base || pointer.startsWith(`${base}/`);
      const owners = workload.containers.filter((c) => violation.paths.some((p) => within(p, c.pointer)));
      const container =
        owners.length === 1 && violation.paths.every((p) => within(p, owners[0]?.pointer ?? ''))
          ? owners[0]
          : undefined;
      report({
        messageId: 'violation',
        path: violation.paths[0] ?? workload.podSpecPointer,
        ...(container ? { container } : {}),
        data: { policy, check: spec.check, reason: violation.reason, detail: violation.detail },
      });
    },
    examples: spec.examples,
  });
}
