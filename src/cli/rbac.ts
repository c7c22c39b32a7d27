import { Option, type Command } from 'commander';
import { UsageError } from '../base/errors.js';
import type { Problem, Resource } from '../model/types.js';
import { addInputOptions, inputLoadOptions, type InputFlags } from './input-options.js';
import { addClusterOptions, clusterUnits, namespaceOf, type ClusterFlags } from './cluster.js';
import { EXIT } from './exit.js';
import { formatProblemLine } from './problems.js';
import type { SetExit } from './main.js';

interface RbacFlags extends ClusterFlags, Partial<InputFlags> {
  format: 'text' | 'json';
  subresource?: string;
  name?: string;
  group: string[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function common(command: Command): Command {
  command.addOption(
    new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'),
  );
  return addClusterOptions(addInputOptions(command), true);
}

/** Defines `kubeward rbac who-can` and `kubeward rbac can`; the analysis loads only when one runs. */
export function registerRbac(program: Command, setExit: SetExit): void {
  const rbac = program
    .command('rbac')
    .description('effective RBAC permissions from manifests (paths or -) or a live cluster (--cluster)');
  common(
    rbac
      .command('who-can')
      .description(
        'subjects that may make a request, with the binding chains that allow it (RESOURCE: pods, pods/exec, deployments.apps, widgets.example.com, or a non-resource URL such as /metrics)',
      )
      .argument('<verb>', 'get, list, watch, create, update, patch, delete, escalate, bind, impersonate, …')
      .argument('<resource>', 'resource[.group][/subresource], or a URL path starting with /')
      .argument('[paths...]', 'manifests to read (files, directories, globs, - for stdin)')
      .option('--subresource <name>', 'subresource, as in pods/exec')
      .option('--name <name>', 'the object name asked about (matters for rules with resourceNames)'),
  ).action(async (verb: string, resource: string, paths: string[], flags: Record<string, unknown>) => {
    setExit(await runWhoCan(verb, resource, paths, flags as unknown as RbacFlags));
  });
  common(
    rbac
      .command('can')
      .description(
        'everything a subject may do: SUBJECT is User:NAME, Group:NAME, ServiceAccount:NAMESPACE/NAME or system:serviceaccount:NAMESPACE:NAME',
      )
      .argument('<subject>', 'the subject')
      .argument('[paths...]', 'manifests to read (files, directories, globs, - for stdin)')
      .option('--group <name>', 'a further group the user is in (repeatable)', collect, []),
  ).action(async (subject: string, paths: string[], flags: Record<string, unknown>) => {
    setExit(await runCan(subject, paths, flags as unknown as RbacFlags));
  });
}

/** Reads RBAC objects and workloads from files or the cluster; problems go to standard error. */
async function loadRbac(
  paths: string[],
  flags: RbacFlags,
): Promise<{ resources: Resource[]; problems: Problem[] }> {
  if (flags.cluster && paths.length > 0)
    throw new UsageError('--cluster reads the cluster: pass either --cluster or paths, not both');
  if (!flags.cluster && (flags.context ?? flags.kubeconfig ?? flags.requestTimeout) !== undefined)
    throw new UsageError('--context, --kubeconfig and --request-timeout need --cluster');
  if (!flags.cluster && paths.length === 0)
    throw new UsageError('no input: pass manifests (files, directories, globs, - for stdin) or --cluster');
  const { RBAC_KINDS } = await import('../analysis/rbac/graph.js');
  const { kindSelected } = await import('../model/resource-index.js');
  const { DEFAULT_LOAD_OPTIONS, loadInputs } = await import('../load/inputs.js');
  const kinds = [...RBAC_KINDS, 'workload'];
  const source = flags.cluster
    ? await clusterUnits(flags, kinds, { requests: 0, objects: 0, folded: 0 })
    : (load: typeof DEFAULT_LOAD_OPTIONS) => loadInputs(paths, load);
  const resources: Resource[] = [];
  const problems: Problem[] = [];
  // One push per element: spreading a long array into push() overflows the call stack.
  for await (const unit of source({
    ...DEFAULT_LOAD_OPTIONS,
    ...inputLoadOptions(flags),
    stdin: process.stdin,
  })) {
    for (const p of unit.problems) problems.push(p);
    for (const r of unit.resources) if (kindSelected(kinds, r)) resources.push(r);
  }
  const { orderProblems } = await import('../engine/order.js');
  for (const p of orderProblems(problems)) process.stderr.write(formatProblemLine(p));
  return { resources, problems };
}

async function runWhoCan(verb: string, resource: string, paths: string[], flags: RbacFlags): Promise<number> {
  const { parseAccessRequest, whoCan, formatWhoCanText } = await import('../analysis/rbac/report.js');
  // -n asks the question in one namespace; with --cluster it also limits what is read to that namespace
  // (and the cluster-scoped roles and bindings), which is all the answer depends on.
  const namespace = namespaceOf(flags);
  const request = parseAccessRequest(verb, resource, {
    ...(namespace !== undefined ? { namespace } : {}),
    ...(flags.subresource !== undefined ? { subresource: flags.subresource } : {}),
    ...(flags.name !== undefined ? { name: flags.name } : {}),
  });
  const { resources, problems } = await loadRbac(paths, flags);
  const { RbacGraph } = await import('../analysis/rbac/graph.js');
  const report = whoCan(new RbacGraph(resources), request, flags.allNamespaces === true);
  process.stdout.write(
    flags.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatWhoCanText(report),
  );
  return problems.some((p) => p.level === 'error') ? EXIT.error : EXIT.ok;
}

async function runCan(subjectText: string, paths: string[], flags: RbacFlags): Promise<number> {
  const { parseSubject, can, formatCanText } = await import('../analysis/rbac/report.js');
  const subject = parseSubject(subjectText);
  namespaceOf(flags);
  const { resources, problems } = await loadRbac(paths, flags);
  const { RbacGraph } = await import('../analysis/rbac/graph.js');
  const report = can(new RbacGraph(resources), subject, flags.group);
  // -n narrows the answer to what applies in that namespace (grants limited to it, and cluster-wide ones).
  if (flags.namespace !== undefined) {
    report.grants = report.grants.filter((g) => g.namespace === null || g.namespace === flags.namespace);
    report.unresolved = report.unresolved.filter(
      (u) => u.binding.namespace === null || u.binding.namespace === flags.namespace,
    );
  }
  process.stdout.write(
    flags.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatCanText(report),
  );
  return problems.some((p) => p.level === 'error') ? EXIT.error : EXIT.ok;
}
