import { Option, type Command } from 'commander';
import { PRESETS } from '../engine/config.js';
import { UsageError } from '../engine/errors.js';
import type { LoadedUnit, LoadOptions } from '../load/inputs.js';
import type { ClusterProgress, ListStats } from '../load/cluster.js';
import type { PresetName } from '../engine/rule.js';
import type { Problem, Resource } from '../model/types.js';
import { EXIT } from './exit.js';
import type { SetExit } from './main.js';
import { writeOutput } from './output.js';
import { formatProblemLine } from './problems.js';
import { parseRuleIds } from './flags.js';

/** Flags that select and reach a cluster, shared by `scan --cluster`, `cluster snapshot` and `rbac`. */
export interface ClusterFlags {
  cluster?: boolean;
  context?: string;
  kubeconfig?: string;
  namespace?: string;
  allNamespaces?: boolean;
}

/** Adds `--context`, `--kubeconfig`, `-n/--namespace` and `-A/--all-namespaces` (and `--cluster` if asked). */
export function addClusterOptions(command: Command, withClusterFlag: boolean): Command {
  if (withClusterFlag)
    command.option('--cluster', 'read from the cluster of the kubeconfig instead of files (read-only)');
  return command
    .option('--context <name>', 'kubeconfig context (default: the current context)')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, ~/.kube/config, or in-cluster)')
    .option('-n, --namespace <namespace>', 'only this namespace (cluster-scoped objects are still read)')
    .option('-A, --all-namespaces', 'every namespace (the default)');
}

/** The namespace a command runs in, after checking that the flags agree. */
export function namespaceOf(flags: ClusterFlags): string | undefined {
  if (flags.namespace !== undefined && flags.allNamespaces)
    throw new UsageError('--namespace and --all-namespaces exclude each other');
  return flags.namespace;
}

/** A cluster source for `scanUnits`, with progress on a terminal; the loader is imported only now. */
export async function clusterUnits(
  flags: ClusterFlags,
  ruleKinds: readonly string[],
  stats: ListStats,
  onConnected?: (context: string) => void,
): Promise<(load: LoadOptions) => AsyncIterable<LoadedUnit>> {
  const namespace = namespaceOf(flags);
  const { clusterSource, kindsForRules } = await import('../load/cluster.js');
  // Secrets are listed only for rules that read them; listing them reads every value, so say so.
  if (kindsForRules(ruleKinds).kinds.some((k) => k.kind === 'Secret'))
    process.stderr.write(
      'kubeward: a selected rule reads Secrets, so Secrets are listed: this needs `list secrets` (the commented rule of deploy/rbac-readonly.yaml) and reads their values, which every report masks\n',
    );
  const onProgress = progressBar();
  return clusterSource({
    ruleKinds,
    stats,
    ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.context !== undefined ? { context: flags.context } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    ...(onProgress ? { onProgress } : {}),
    ...(onConnected ? { onConnected: (c: { context: string }) => onConnected(c.context) } : {}),
  });
}

/**
 * A one-line progress display on standard error, only when it is a terminal (nothing on a pipe or in CI),
 * redrawn at most ten times a second; the last update ends the line.
 */
export function progressBar(): ((p: ClusterProgress) => void) | undefined {
  if (process.stderr.isTTY !== true) return undefined;
  let last = 0;
  return (p) => {
    const now = Date.now();
    const done = p.kindsDone === p.kinds;
    if (!done && now - last < 100) return;
    last = now;
    const width = 20;
    const filled = p.kinds === 0 ? width : Math.round((p.kindsDone / p.kinds) * width);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
    process.stderr.write(
      `\r[${bar}] ${p.kindsDone}/${p.kinds} kinds, ${p.objects} objects, ${p.requests} requests${done ? '\n' : ''}`,
    );
  };
}

interface SnapshotFlags extends ClusterFlags {
  output: string;
  preset?: PresetName;
  config?: string | false;
  rules?: string;
}

/** Defines `kubeward cluster snapshot`. */
export function registerCluster(program: Command, setExit: SetExit): void {
  const cluster = program.command('cluster').description('read a live cluster (read-only)');
  const snapshot = cluster
    .command('snapshot')
    .description(
      'write the objects the selected rules read as multi-document YAML, for `kubeward scan FILE` offline',
    )
    .requiredOption('-o, --output <file>', 'file to write (- for standard output)')
    .addOption(
      new Option(
        '-p, --preset <name>',
        "rule preset whose kinds are read (default: recommended, or the config file's)",
      ).choices(PRESETS),
    )
    .option('-c, --config <file>', 'config file (default: .kubeward.yaml or .kubeward.yml found upward)')
    .option('--no-config', 'ignore any .kubeward.yaml or .kubeward.yml')
    .option('-r, --rules <ids>', 'read the kinds of only these comma-separated rule ids');
  addClusterOptions(snapshot, false).action(async (flags: Record<string, unknown>) => {
    setExit(await runSnapshot(flags as unknown as SnapshotFlags));
  });
}

async function runSnapshot(flags: SnapshotFlags): Promise<number> {
  const { resolveConfig } = await import('./scan.js');
  const { selectRules } = await import('../engine/registry.js');
  const config = await resolveConfig({ ...flags, annotationExemptions: true });
  const only = parseRuleIds(flags.rules);
  const ruleKinds = selectRules(config, only).flatMap((a) => a.rule.meta.kinds);
  const stats: ListStats = { requests: 0, objects: 0, folded: 0 };
  let context = '';
  const source = await clusterUnits(flags, ruleKinds, stats, (c) => (context = c));
  const { DEFAULT_LOAD_OPTIONS } = await import('../load/inputs.js');
  const { snapshotYaml } = await import('../load/cluster-snapshot.js');
  const resources: Resource[] = [];
  const problems: Problem[] = [];
  for await (const unit of source(DEFAULT_LOAD_OPTIONS)) {
    resources.push(...unit.resources);
    problems.push(...unit.problems);
  }
  const text = snapshotYaml(context, resources, problems);
  writeOutput(flags.output === '-' ? undefined : flags.output, text);
  const { orderProblems } = await import('../engine/order.js');
  for (const p of orderProblems(problems)) process.stderr.write(formatProblemLine(p));
  process.stderr.write(
    `kubeward: ${resources.length} objects from context ${context}${flags.output === '-' ? '' : ` written to ${flags.output}`} (${stats.requests} requests; ${stats.folded} objects folded into their owners)\n`,
  );
  return problems.some((p) => p.level === 'error') ? EXIT.error : EXIT.ok;
}
