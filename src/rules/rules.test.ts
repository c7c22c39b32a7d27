import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allRules, inPreset } from '../engine/registry.js';
import { KUBESEC_RULE_IDS } from '../analysis/kubesec/rules.js';
import { runRule } from '../engine/testing.js';
import type { RuleOptionSpec } from '../engine/rule.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('rule catalog', () => {
  it('lists exactly the rule files, each at the path of its id', () => {
    const files: string[] = [];
    for (const family of readdirSync(here)) {
      const dir = join(here, family);
      if (!statSync(dir).isDirectory() || family.startsWith('_')) continue;
      for (const f of readdirSync(dir)) {
        if (f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('_'))
          files.push(`${family}/${f.slice(0, -3)}`);
      }
    }
    expect(allRules().map((r) => r.id)).toEqual(files.sort());
  });

  it('covers every kubesec check through refs.kubesec, and the kubesec preset is exactly those rules', () => {
    const referenced = new Set(allRules().flatMap((r) => r.meta.refs.kubesec ?? []));
    expect([...referenced].sort()).toEqual([...KUBESEC_RULE_IDS].sort());
    for (const rule of allRules()) {
      expect(inPreset(rule, 'kubesec')).toBe((rule.meta.refs.kubesec ?? []).length > 0);
    }
  });

  it('makes the Pod Security presets exactly the pss/ rules', () => {
    for (const rule of allRules()) {
      expect(inPreset(rule, 'pss-restricted'), rule.id).toBe(rule.id.startsWith('pss/'));
      if (inPreset(rule, 'pss-baseline')) expect(rule.id).toMatch(/^pss\//);
    }
  });

  for (const rule of allRules()) {
    describe(rule.id, () => {
      it('has well-formed metadata', () => {
        expect(rule.meta.title.length).toBeLessThan(60);
        expect(rule.meta.title).not.toMatch(/\.$/);
        expect(rule.meta.description).toMatch(/\.$/);
        expect(rule.meta.remediation).toMatch(/\.$/);
        expect(rule.meta.kinds.length).toBeGreaterThan(0);
        expect(existsSync(join(here, '..', '..', 'docs', 'rules', `${rule.id}.md`))).toBe(true);
        for (const spec of Object.values(rule.meta.options as Record<string, RuleOptionSpec>)) {
          expect(spec.default).toBeDefined();
          expect(spec.description).toMatch(/\.$/);
        }
      });

      it('has pass and fail examples', () => {
        expect(rule.examples.fail.length).toBeGreaterThan(0);
        expect(rule.examples.pass.length).toBeGreaterThan(0);
      });

      rule.examples.fail.forEach((yaml, i) => {
        it(`fail example ${i + 1} produces a ${rule.id} finding with a location`, () => {
          const { findings, problems } = runRule(rule, yaml);
          expect(problems.filter((p) => p.level === 'error')).toEqual([]);
          const own = findings.filter((f) => f.ruleId === rule.id);
          expect(own.length).toBeGreaterThan(0);
          for (const f of own) {
            expect(f.path).toMatch(/^\//);
            expect(f.location.line).toBeGreaterThan(0);
            expect(f.message).not.toMatch(/\{\{/);
          }
        });
      });

      rule.examples.pass.forEach((yaml, i) => {
        it(`pass example ${i + 1} produces no finding`, () => {
          const { findings, problems } = runRule(rule, yaml);
          expect(problems.filter((p) => p.level === 'error')).toEqual([]);
          expect(findings).toEqual([]);
        });
      });

      it('uses every message it declares', () => {
        const used = new Set<string>();
        for (const yaml of rule.examples.fail) {
          // Messages are recovered from the finding text: each template's fixed prefix must appear.
          for (const f of runRule(rule, yaml).findings) used.add(f.message);
        }
        for (const [id, template] of Object.entries(rule.meta.messages as Record<string, string>)) {
          const fixed = template.split('{{')[0] ?? '';
          const hit = [...used].some((m) => m.startsWith(fixed) && (fixed.length > 0 || m.length > 0));
          expect(hit, `message "${id}" is never produced by the fail examples`).toBe(true);
        }
      });
    });
  }
});
