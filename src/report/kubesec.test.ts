import { describe, expect, it } from 'vitest';
import type { KubesecReport } from '../analysis/kubesec/score.js';
import { formatKubesec } from './kubesec.js';

function report(overrides: Partial<KubesecReport> = {}): KubesecReport {
  return {
    object: 'Service/web.shop',
    valid: true,
    fileName: 'svc.yaml',
    message: 'This resource kind is not supported by kubesec',
    score: 0,
    scoring: { critical: [], passed: [], advise: [] },
    ...overrides,
  };
}

describe('formatKubesec', () => {
  it('prints an empty array and the newline of fmt.Println', () => {
    expect(formatKubesec([])).toBe('[]\n');
  });

  it('always writes scoring, as {} when every list is empty', () => {
    expect(formatKubesec([report()])).toBe(
      [
        '[',
        '  {',
        '    "object": "Service/web.shop",',
        '    "valid": true,',
        '    "fileName": "svc.yaml",',
        '    "message": "This resource kind is not supported by kubesec",',
        '    "score": 0,',
        '    "scoring": {}',
        '  }',
        ']',
        '',
      ].join('\n'),
    );
  });

  it('omits an empty message and writes rule refs in Go field order', () => {
    const ref = { id: 'X', selector: 's', reason: 'r', points: -3, weight: 2, href: 'https://example.com/x' };
    const out = formatKubesec([
      report({ message: '', valid: false, score: -3, scoring: { critical: [ref], passed: [], advise: [] } }),
    ]);
    expect(out).toBe(
      [
        '[',
        '  {',
        '    "object": "Service/web.shop",',
        '    "valid": false,',
        '    "fileName": "svc.yaml",',
        '    "score": -3,',
        '    "scoring": {',
        '      "critical": [',
        '        {',
        '          "id": "X",',
        '          "selector": "s",',
        '          "reason": "r",',
        '          "weight": 2,',
        '          "href": "https://example.com/x",',
        '          "points": -3',
        '        }',
        '      ]',
        '    }',
        '  }',
        ']',
        '',
      ].join('\n'),
    );
  });

  it('leaves out a zero weight and an empty href (omitempty)', () => {
    const ref = { id: 'X', selector: 's', reason: '', points: 1, weight: 0, href: '' };
    const out = formatKubesec([report({ scoring: { critical: [], passed: [ref], advise: [] } })]);
    expect(out).toContain('"reason": "",\n          "points": 1\n');
    expect(out).not.toContain('weight');
    expect(out).not.toContain('href');
  });

  it('escapes strings as Go encoding/json does, HTML characters included', () => {
    const out = formatKubesec([
      report({ fileName: 'a<b>&c "q" \\ \n\t\b\f\u0001\u007f\u2028\u2029é😀\ud800' }),
    ]);
    expect(out).toContain(
      '"fileName": "a\\u003cb\\u003e\\u0026c \\"q\\" \\\\ \\n\\t\\b\\f\\u0001\u007f\\u2028\\u2029é😀\\ufffd",',
    );
  });
});
