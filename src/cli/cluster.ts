import { Option, type Command } from 'commander';
import { PRESETS } from '../engine/config.js';
import { UsageError } from '../base/errors.js';
import type { LoadedUnit, LoadOptions } from '../load/inputs.js';
import type { ClusterConnection, ClusterProgress, ListStats } from '../load/cluster.js';
import type { PresetName } from '../engine/rule.js';
import type { Problem, Resource } from '../model/types.js';
import { EXIT } from './exit.js';
import type { SetExit } from './main.js';
import { checkOutput, writeOutput } from './output.js';
import { formatProblemLine } from './problems.js';
import { parseRuleIds } from './flags.js';

/** Flags that select and reach a cluster, shared by `scan --cluster`, `cluster snapshot` and `rbac`. */
export interface ClusterFlags {
  cluster?: boolean;
  context?: string;
  kubeconfig?: string;
  namespace?: string;
  allNamespaces?: boolean;
  /** Milliseconds (`--request-timeout`); 0 for no deadline. */
  requestTimeout?: number;
}

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a `--request-timeout` value as kubectl does: a whole number of seconds (`30`), or a Go duration
 * (`30s`, `2m`, `1m30s`, `1.5h`, `500ms`); `0` means no deadline. Returns milliseconds, rounded up so that
 * a non-zero duration never becomes "no deadline". Throws a {@link UsageError} for anything else.
 */
export function parseRequestTimeout(value: string): number {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const part = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0;
  let end = 0;
  for (let m = part.exec(text); m; m = part.exec(text)) {
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
    end = part.lastIndex;
  }
  if (text === '' || end !== text.length)
    throw new UsageError(
      `--request-timeout: not a duration: ${value} (e.g. 30s, 2m, 1m30s, or 0 for no deadline)`,
    );
  return Math.ceil(total);
}

/** Adds `--context`, `--kubeconfig`, `-n/--namespace` and `-A/--all-namespaces` (and `--cluster` if asked). */
export function addClusterOptions(command: Command, withClusterFlag: boolean): Command {
  if (withClusterFlag)
    command.option('--cluster', 'read from the cluster of the kubeconfig instead of files (read-only)');
  return command
    .option('--context <name>', 'kubeconfig context (default: the current context)')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, ~/.kube/config, or in-cluster)')
    .option('-n, --namespace <namespace>', 'only this namespace (cluster-scoped objects are still read)')
    .option('-A, --all-namespaces', 'every namespace (the default)')
    .option(
      '--request-timeout <duration>',
      'longest wait for one answer of the API server, as 30s or 2m (0: no limit; default 120s)',
      parseRequestTimeout,
    );
}

/**
 * Checks that a command reads either paths or the cluster (`--cluster`), and that the flags that only
 * mean something for a cluster come with `--cluster`.
 */
export function checkPathsOrCluster(paths: readonly string[], flags: ClusterFlags): void {
  if (flags.cluster && paths.length > 0)
    throw new UsageError('--cluster reads the cluster: pass either --cluster or paths, not both');
  if (
    !flags.cluster &&
    (flags.context ?? flags.kubeconfig ?? flags.namespace ?? flags.allNamespaces ?? flags.requestTimeout) !==
      undefined
  )
    throw new UsageError(
      '--context, --kubeconfig, --namespace, --all-namespaces and --request-timeout need --cluster',
    );
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
    ...(flags.requestTimeout !== undefined ? { requestTimeout: flags.requestTimeout } : {}),
    ...(onProgress ? { onProgress } : {}),
    onConnected: (connection: ClusterConnection) => {
      for (const warning of connection.warnings ?? [])
        process.stderr.write(`kubeward: warning: ${warning}\n`);
      onConnected?.(connection.context);
    },
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
  force?: boolean;
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
    .option('--force', 'replace an output path that is a symbolic link')
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
  const output = {
    inputs: typeof flags.config === 'string' ? [flags.config] : [],
    force: flags.force === true,
  };
  checkOutput(flags.output, output);
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
  // One push per element: spreading a long array into push() overflows the call stack.
  for await (const unit of source(DEFAULT_LOAD_OPTIONS)) {
    for (const r of unit.resources) resources.push(r);
    for (const p of unit.problems) problems.push(p);
  }
  const text = snapshotYaml(context, resources, problems);
  writeOutput(flags.output, text, output);
  const { orderProblems } = await import('../engine/order.js');
  for (const p of orderProblems(problems)) process.stderr.write(formatProblemLine(p));
  process.stderr.write(
    `kubeward: ${resources.length} objects from context ${context}${flags.output === '-' ? '' : ` written to ${flags.output}`} (${stats.requests} requests; ${stats.folded} objects folded into their owners)\n`,
  );
  return problems.some((p) => p.level === 'error') ? EXIT.error : EXIT.ok;
}
