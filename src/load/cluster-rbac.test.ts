import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RbacGraph, formatSubject } from '../analysis/rbac/index.js';
import { loadText } from './documents.js';
import { CLUSTER_KINDS } from './cluster.js';

const file = join(import.meta.dirname, '..', '..', 'deploy', 'rbac-readonly.yaml');
const loaded = loadText(readFileSync(file, 'utf8'), { file: 'deploy/rbac-readonly.yaml' });
const graph = new RbacGraph(loaded.resources);
const KUBEWARD = 'ServiceAccount kubeward/kubeward';

function holders(verb: string, apiVersion: string, plural: string): string[] {
  const slash = apiVersion.indexOf('/');
  const apiGroup = slash === -1 ? '' : apiVersion.slice(0, slash);
  return graph
    .whoCan({ type: 'resource', verb, apiGroup, resource: plural, namespace: null })
    .map((s) => formatSubject(s.subject));
}

describe('deploy/rbac-readonly.yaml', () => {
  it('parses', () => {
    expect(loaded.problems).toEqual([]);
  });

  it('lets kubeward list every kind the loader lists, except Secrets', () => {
    for (const k of CLUSTER_KINDS) {
      expect(holders('list', k.apiVersion, k.plural), `${k.plural}.${k.apiVersion}`).toEqual(
        k.kind === 'Secret' ? [] : [KUBEWARD],
      );
    }
  });

  it('grants no other verb', () => {
    for (const k of CLUSTER_KINDS)
      for (const verb of ['get', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'])
        expect(holders(verb, k.apiVersion, k.plural), `${verb} ${k.plural}`).toEqual([]);
  });
});
