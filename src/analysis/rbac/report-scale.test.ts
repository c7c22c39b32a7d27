import { describe, expect, it } from 'vitest';
import {
  formatCanText,
  formatWhoCanText,
  type CanReport,
  type GrantChain,
  type UnresolvedBinding,
} from './report.js';

const N = 200_000;
const location = (i: number) => ({ file: `cluster://c/n${i}/RoleBinding/b`, line: 1, column: 1 });
const grant = (i: number): GrantChain => ({
  binding: { kind: 'RoleBinding', namespace: `n${i}`, name: 'b', location: location(i) },
  subjectPath: '/subjects/0',
  subject: { kind: 'User', name: 'alice' },
  role: { kind: 'Role', namespace: `n${i}`, name: 'r', builtIn: false },
  ruleSource: { kind: 'Role', namespace: `n${i}`, name: 'r', location: location(i) },
  rule: {
    verbs: ['get'],
    apiGroups: [''],
    resources: ['pods'],
    resourceNames: [],
    nonResourceURLs: [],
    path: '/rules/0',
  },
  namespace: `n${i}`,
});
const unresolved = (i: number): UnresolvedBinding => ({
  binding: { kind: 'RoleBinding', namespace: `n${i}`, name: 'u', location: location(i) },
  roleRef: { kind: 'Role', name: 'gone' },
  message: `RoleBinding n${i}/u refers to Role gone`,
});

describe('rbac text at scale', () => {
  it(
    'writes 200,000 grants in 200,000 namespaces and 200,000 unresolved bindings',
    { timeout: 60_000 },
    () => {
      const report: CanReport = {
        subject: { kind: 'User', name: 'alice' },
        identity: { user: 'alice', groups: ['system:authenticated'] },
        usedBy: [],
        grants: Array.from({ length: N }, (_, i) => grant(i)),
        unresolved: Array.from({ length: N }, (_, i) => unresolved(i)),
      };
      const lines = formatCanText(report).split('\n');
      // The header, four lines per namespace, a blank line, one note per binding, and the final newline.
      expect(lines).toHaveLength(1 + 4 * N + 1 + N + 1);
      expect(lines.slice(1, 5)).toEqual([
        '',
        'In namespace n0:',
        '  verbs get on pods (core)',
        '    via RoleBinding n0/b [cluster://c/n0/RoleBinding/b] → Role n0/r rule /rules/0',
      ]);
      expect(lines[4 * N + 1]).toBe('');
      expect(lines[4 * N + 2]).toBe(
        'Note: RoleBinding n0/u refers to Role gone [cluster://c/n0/RoleBinding/b]; the answer may be incomplete.',
      );
      const who = formatWhoCanText({
        request: { type: 'resource', verb: 'get', apiGroup: '', resource: 'pods', namespace: 'n0' },
        anyNamespace: false,
        subjects: [],
        unresolved: report.unresolved,
      }).split('\n');
      expect(who.filter((l) => l.startsWith('Note: '))).toHaveLength(N);
    },
  );
});
