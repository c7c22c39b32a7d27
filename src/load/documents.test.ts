import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scan } from '../engine/scan.js';
import { loadText } from './documents.js';

const dir = 'test/fixtures/lists';
const load = (name: string) => loadText(readFileSync(`${dir}/${name}`, 'utf8'), { file: name });

describe('typed lists', () => {
  it('gives the items of a PodList (as the API returns it) the kind Pod and the apiVersion v1', () => {
    const { resources, problems } = load('pod-list.json');
    expect(problems).toEqual([]);
    expect(resources.map((r) => [r.apiVersion, r.kind, r.namespace, r.name])).toEqual([
      ['v1', 'Pod', 'shop', 'web-0'],
      ['v1', 'Pod', 'shop', 'web-1'],
    ]);
    // The object the rules read carries them too, first as in an object served alone.
    expect(Object.keys(resources[0]?.object ?? {})).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    // Each item is reported at the `{` that opens it, fields at their own line, and the kind that is not
    // written resolves to the item itself.
    expect(resources.map((r) => [r.source.line, r.source.column])).toEqual([
      [8, 5],
      [25, 5],
    ]);
    expect(resources[0]?.source.locate('/spec/containers/0/securityContext/privileged')).toMatchObject({
      line: 19,
      column: 16,
    });
    expect(resources[0]?.source.locate('/kind')).toMatchObject({ line: 8, column: 5 });
  });

  it('takes the kind from a DeploymentList and its apiVersion (apps/v1); an item naming its own keeps it', () => {
    const { resources, problems } = load('deployment-list.yaml');
    expect(problems).toEqual([]);
    expect(resources.map((r) => [r.apiVersion, r.kind, r.name, r.source.line])).toEqual([
      ['apps/v1', 'Deployment', 'api', 6],
      ['apps/v1', 'Deployment', 'named-itself', 14],
    ]);
  });

  it('still skips items of a plain List that name no kind, as before', () => {
    const { resources, problems } = load('plain-list.yaml');
    expect(resources).toEqual([]);
    expect(problems.map((p) => [p.code, p.location.line])).toEqual([['input/not-kubernetes', 4]]);
  });

  it('scans the items: a privileged container in a PodList is found at its line', async () => {
    const result = await scan([`${dir}/pod-list.json`], { only: ['workload/privileged'] });
    expect(result.findings.map((f) => [f.ruleId, f.resource.name, f.location.line])).toEqual([
      ['workload/privileged', 'web-0', 19],
    ]);
  });
});
