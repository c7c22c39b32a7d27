import { CIS_1_12 } from './cis-1.12/index.js';
import { EKS_1_8 } from './eks-1.8/index.js';
import type { Benchmark } from './types.js';

/** The benchmarks this build ships, by id. */
export const BENCHMARKS: readonly Benchmark[] = [CIS_1_12, EKS_1_8];

/** A benchmark by id (`cis-1.12`, `eks-1.8`), or undefined. */
export function benchmarkById(id: string): Benchmark | undefined {
  return BENCHMARKS.find((b) => b.id === id);
}
