import { describe, expect, it } from 'vitest';
import { kubesecDocuments } from './documents.js';
import { kubesecReport } from './score.js';
import { KUBESEC_RULES } from './rules.js';

// Expectations follow kubesec v2's Ruleset.Run: json.Valid on the whole input, else bytes.Split on
// "\n---\n", bytes.TrimSpace, skip "" and "---", yaml.YAMLToJSON (first document of the chunk only).
const POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x\n';

describe('kubesecDocuments', () => {
  it('makes a comment-only chunk (a licence header before ---) a null document', () => {
    const { values } = kubesecDocuments(`# Copyright 2024\n# SPDX-License-Identifier: MIT\n---\n${POD}`);
    expect(values).toHaveLength(2);
    expect(values[0]).toBeNull();
    expect((values[1] as { kind: string }).kind).toBe('Pod');
  });

  it('gives such a chunk the Unknown report with every positive rule in advise', () => {
    const [header] = kubesecDocuments(`# header\n---\n${POD}`).values;
    const report = kubesecReport(header ?? null, 'f.yaml');
    expect(report.object).toBe('Unknown');
    expect(report.score).toBe(0);
    expect(report.message).toBe('Passed with a score of 0 points');
    expect(report.scoring.advise).toHaveLength(KUBESEC_RULES.filter((r) => r.points >= 0).length);
  });

  it('skips empty chunks and bare markers: a leading ---, a trailing ---, and --- twice', () => {
    expect(kubesecDocuments(`---\n${POD}---\n`).values).toHaveLength(1);
    expect(kubesecDocuments(`${POD}---\n---\n${POD}`).values).toHaveLength(2);
    expect(kubesecDocuments('\n\n').values).toEqual([]);
  });

  it('does not cut at a marker line with a comment, and reads only the first document of that chunk', () => {
    const { values } = kubesecDocuments(`${POD}--- # second\n${POD.replace('name: p', 'name: q')}`);
    expect(values).toHaveLength(1);
    expect((values[0] as { metadata: { name: string } }).metadata.name).toBe('p');
  });

  it('reads input that is valid JSON as one document, even an array', () => {
    expect(kubesecDocuments('{"kind":"Pod","metadata":{"name":"j"}}').values).toEqual([
      { kind: 'Pod', metadata: { name: 'j' } },
    ]);
    expect(kubesecDocuments('[{"kind":"Pod"},{"kind":"Pod"}]').values).toHaveLength(1);
  });

  it('decodes YAML 1.1 scalars as go-yaml v2 does', () => {
    const [doc] = kubesecDocuments('kind: Pod\nspec:\n  hostNetwork: yes\n').values;
    expect(doc).toEqual({ kind: 'Pod', spec: { hostNetwork: true } });
  });

  it('stops at the first chunk that does not decode, keeping the ones before it', () => {
    const result = kubesecDocuments(`${POD}---\nkind: Pod\n  bad: [\n---\n${POD}`);
    expect(result.values).toHaveLength(1);
    expect(result.stopped).toBe(true);
  });
});
