import { describe, expect, it } from 'vitest';
import type { LoadedUnit } from '../load/inputs.js';
import type { JsonObject, Problem, Resource } from '../model/types.js';
import { scanUnits } from './scan.js';
import { guardSpreadArguments } from '../../test/helpers/spread.js';

guardSpreadArguments();

// Eight rules that each report once per container of a bare `nginx` container.
const PER_CONTAINER_RULES = [
  'workload/cpu-requests',
  'workload/image-tag',
  'workload/memory-limits',
  'workload/memory-requests',
  'workload/privilege-escalation',
  'workload/read-only-root-filesystem',
  'workload/run-as-non-root',
  'workload/seccomp-profile',
];

function podWithContainers(count: number): Resource {
  const containers = Array.from({ length: count }, (_, i) => ({ name: `c${i}`, image: 'nginx' }));
  const object: JsonObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'big' },
    spec: { containers },
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    namespace: null,
    name: 'big',
    object,
    source: {
      file: 'big.yaml',
      docIndex: 0,
      line: 1,
      column: 1,
      locate: () => ({ file: 'big.yaml', line: 1, column: 1 }),
    },
  };
}

describe('scanUnits at scale', () => {
  it('collects 200,000 problems of one unit and 200,000 findings of one resource', async () => {
    const problems: Problem[] = Array.from({ length: 200_000 }, (_, i) => ({
      code: 'input/missing-api-version',
      level: 'error',
      message: 'X has no apiVersion; not scanned',
      location: { file: 'many.yaml', line: 2 * i + 2, column: 1 },
    }));
    const units: LoadedUnit[] = [
      { file: 'many.yaml', resources: [], problems, documents: 200_000 },
      { file: 'big.yaml', resources: [podWithContainers(25_000)], problems: [], documents: 1 },
    ];
    const result = await scanUnits(
      async function* () {
        yield* units;
      },
      { only: PER_CONTAINER_RULES },
    );
    expect(result.problems).toHaveLength(200_000);
    expect(result.problems[199_999]?.location.line).toBe(400_000);
    expect(result.findings).toHaveLength(200_000);
    expect(new Set(result.findings.map((f) => f.ruleId)).size).toBe(8);
    expect(result.findings.filter((f) => f.container === 'c24999')).toHaveLength(8);
    expect(result.documents).toBe(200_001);
  });
});
