import { readTextFile } from '../load/read-file.js';
import { Option, type Command } from 'commander';
import { UsageError } from '../base/errors.js';
import type { LoadedUnit, LoadOptions } from '../load/inputs.js';
import type { Problem, Resource } from '../model/types.js';
import type { NetpolAnalysis, NetpolOptions } from '../analysis/netpol/analysis.js';
import type { NetpolNote } from '../analysis/netpol/types.js';
import {
  addClusterOptions,
  checkPathsOrCluster,
  clusterUnits,
  namespaceOf,
  type ClusterFlags,
} from './cluster.js';
import { EXIT } from './exit.js';
import type { SetExit } from './main.js';
import { addInputOptions, inputLoadOptions, type InputFlags } from './input-options.js';
import { writeOutput, writeOutputStream, type OutputOptions } from './output.js';
import { formatProblemLine } from './problems.js';

interface Loaded {
  resources: Resource[];
  problems: Problem[];
}

/** Checks that paths and `--cluster` exclude each other, and that cluster flags come with `--cluster`. */
function checkSource(paths: readonly string[], flags: ClusterFlags): void {
  checkPathsOrCluster(paths, flags);
  namespaceOf(flags);
}

/**
 * Reads the paths, or with `--cluster` the live cluster: only the kinds the analysis reads (workloads,
 * Namespaces, ServiceAccounts, NetworkPolicies, and Calico NetworkPolicies, GlobalNetworkPolicies and Tiers
 * when the cluster serves them).
 */
async function load(
  paths: readonly string[],
  flags: ClusterFlags & Partial<InputFlags> = {},
): Promise<Loaded> {
  checkSource(paths, flags);
  if (paths.length === 0 && !flags.cluster)
    throw new UsageError(
      'no input: pass files, directories, globs, - for standard input, or --cluster for the live cluster',
    );
  const { loadInputs, DEFAULT_LOAD_OPTIONS } = await import('../load/inputs.js');
  const { NETPOL_KINDS } = await import('../rules/netpol/_analysis.js');
  const { kindSelected } = await import('../model/resource-index.js');
  let source = (options: LoadOptions): AsyncIterable<LoadedUnit> => loadInputs(paths, options);
  if (flags.cluster) source = await clusterUnits(flags, NETPOL_KINDS, { requests: 0, objects: 0, folded: 0 });
  const resources: Resource[] = [];
  const problems: Problem[] = [];
  for await (const unit of source({
    ...DEFAULT_LOAD_OPTIONS,
    ...inputLoadOptions(flags),
    stdin: process.stdin,
  })) {
    // One element at a time: spreading a unit of 100,000+ objects into push() overflows the stack. Only the
    // kinds the analysis reads are kept, so memory follows the workloads and policies, not the input.
    for (const r of unit.resources) if (kindSelected(NETPOL_KINDS, r)) resources.push(r);
    for (const p of unit.problems) problems.push(p);
  }
  return { resources, problems };
}

async function analyze(loaded: Loaded, options: NetpolOptions): Promise<NetpolAnalysis> {
  const { analyzeNetpol } = await import('../analysis/netpol/analysis.js');
  return analyzeNetpol(loaded.resources, options);
}

/** Prints input problems and analysis notes to stderr; returns whether any was an error. */
async function report(loaded: Loaded, notes: readonly NetpolNote[]): Promise<boolean> {
  const { formatNotes } = await import('../analysis/netpol/format.js');
  const { orderProblems } = await import('../engine/order.js');
  let text = '';
  for (const p of orderProblems(loaded.problems)) text += formatProblemLine(p);
  text += formatNotes(notes);
  if (text) process.stderr.write(text);
  return loaded.problems.some((p) => p.level === 'error') || notes.some((n) => n.level === 'error');
}

function output(text: string, file: string | undefined, options: OutputOptions = {}): void {
  writeOutput(file, text, options);
}

/** A namespace name as the API server accepts it: a DNS-1123 label. */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Refuses a namespace flag value the API server would reject, rather than emitting it into a policy. */
function checkNamespaceName(flag: string, value: string): void {
  if (!NAMESPACE_NAME.test(value))
    throw new UsageError(
      `${flag}: ${JSON.stringify(value)} is not a namespace name (a DNS-1123 label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit)`,
    );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Defines `kubeward netpol list|explain|coverage|generate`; the analysis loads only when a command runs. */
export function registerNetpol(program: Command, setExit: SetExit): void {
  const netpol = program
    .command('netpol')
    .description('network isolation analysis for Kubernetes and Calico network policies');

  const list = netpol
    .command('list')
    .description('list the allowed connections between all endpoints (netpol-analyzer connlist formats)')
    .argument('[paths...]', 'inputs (files, directories, globs, - for stdin)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['txt', 'json', 'csv', 'md', 'dot'])
        .default('txt'),
    )
    .option('-o, --output <file>', 'write to a file instead of standard output (- for it)')
    .option('--force', 'with -o: replace an output path that is a symbolic link')
    .option(
      '--no-metadata-endpoint',
      'do not split 169.254.169.254 out of the external ranges (for line-by-line comparison with netpol-analyzer)',
    );
  addClusterOptions(addInputOptions(list), true).action(
    async (
      paths: string[],
      flags: ClusterFlags & {
        format: 'txt' | 'json' | 'csv' | 'md' | 'dot';
        output?: string;
        force?: boolean;
        metadataEndpoint: boolean;
      },
    ) => {
      const loaded = await load(paths, flags);
      const analysis = await analyze(loaded, { metadataEndpoint: flags.metadataEndpoint });
      const { formatConnectionStream } = await import('../analysis/netpol/format.js');
      // Streamed: N workloads without policies have N² connections, far more than fits in one string.
      await writeOutputStream(
        flags.output,
        { inputs: paths, force: flags.force === true },
        formatConnectionStream(analysis.connectionStream(), flags.format),
      );
      setExit((await report(loaded, analysis.notes)) ? EXIT.error : EXIT.ok);
    },
  );

  const explain = netpol
    .command('explain')
    .description(
      'say whether traffic from one endpoint to another is allowed, and which policies and rules decided it',
    )
    .argument('[paths...]', 'inputs (files, directories, globs, - for stdin)')
    .requiredOption(
      '--from <endpoint>',
      'source: ns/name, ns/name[Kind], Kind/ns/name, an IP address, or cloud-metadata',
    )
    .requiredOption('--to <endpoint>', 'destination, in the same forms')
    .option(
      '--port <port>',
      'only this port: 80, 53/udp, tcp/8080, 8000-8080/tcp (default: every protocol and port)',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'),
    );
  addClusterOptions(addInputOptions(explain), true).action(
    async (
      paths: string[],
      flags: ClusterFlags & { from: string; to: string; port?: string; format: 'text' | 'json' },
    ) => {
      const format = await import('../analysis/netpol/format.js');
      const query = flags.port === undefined ? undefined : format.parsePortQuery(flags.port);
      if (flags.port !== undefined && !query)
        throw new UsageError(
          `--port: cannot read ${JSON.stringify(flags.port)} (expected e.g. 80, 53/udp, tcp/8080, 8000-8080/tcp)`,
        );
      const loaded = await load(paths, flags);
      const analysis = await analyze(loaded, query ? { queryPorts: [query] } : {});
      const pick = (text: string, flag: string) => {
        const found = analysis.find(text);
        if (found.length === 0) throw new UsageError(`${flag}: no endpoint matches ${JSON.stringify(text)}`);
        if (found.length > 1)
          throw new UsageError(
            `${flag}: ${JSON.stringify(text)} is ambiguous: ${found.map((e) => e.display).join(', ')}`,
          );
        return found[0]!;
      };
      const src = pick(flags.from, '--from');
      const dst = pick(flags.to, '--to');
      const asked = query ? analysis.space.range(query.protocol, query.from, query.to) : analysis.space.all();
      const result = analysis.explain(src, dst, asked);
      const x = { src, dst, asked, ...result };
      output(
        flags.format === 'json'
          ? JSON.stringify(format.explanationJson(x), null, 2) + '\n'
          : format.formatExplanation(x),
        undefined,
      );
      const failed = await report(loaded, analysis.notes);
      setExit(failed ? EXIT.error : result.allowed.equals(asked) ? EXIT.ok : EXIT.findings);
    },
  );

  const coverageCommand = netpol
    .command('coverage')
    .description(
      'workloads not isolated, namespaces without default deny, policies that select nothing, dead rules',
    )
    .argument('[paths...]', 'inputs (files, directories, globs, - for stdin)')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'),
    );
  addClusterOptions(addInputOptions(coverageCommand), true).action(
    async (paths: string[], flags: ClusterFlags & { format: 'text' | 'json' }) => {
      const loaded = await load(paths, flags);
      const analysis = await analyze(loaded, {});
      const { coverage, coverageJson, formatCoverage } = await import('../analysis/netpol/coverage.js');
      const result = coverage(analysis);
      output(
        flags.format === 'json'
          ? JSON.stringify(coverageJson(result), null, 2) + '\n'
          : formatCoverage(result),
        undefined,
      );
      setExit((await report(loaded, analysis.notes)) ? EXIT.error : EXIT.ok);
    },
  );

  const generate = netpol
    .command('generate')
    .description('emit network policies (Kubernetes, or Calico with --calico)');
  const common = (c: Command): Command =>
    c
      .option('--calico', 'emit Calico projectcalico.org/v3 NetworkPolicies')
      .option('--dns-namespace <ns>', 'namespace of the cluster DNS pods', 'kube-system')
      .option('--dns-label <key=value>', 'label of the cluster DNS pods (repeatable)', collect, [])
      .option('-o, --output <file>', 'write to a file instead of standard output (- for it)')
      .option('--force', 'with -o: replace an output path that is a symbolic link');
  const generateOptions = async (flags: { calico?: boolean; dnsNamespace: string; dnsLabel: string[] }) => {
    checkNamespaceName('--dns-namespace', flags.dnsNamespace);
    const labels: Record<string, string> = {};
    for (const item of flags.dnsLabel) {
      const eq = item.indexOf('=');
      if (eq <= 0) throw new UsageError(`--dns-label: expected key=value, got ${JSON.stringify(item)}`);
      labels[item.slice(0, eq)] = item.slice(eq + 1);
    }
    const { DEFAULT_GENERATE_OPTIONS } = await import('../analysis/netpol/generate.js');
    return {
      calico: flags.calico === true,
      dnsNamespace: flags.dnsNamespace,
      dnsLabels: Object.keys(labels).length > 0 ? labels : DEFAULT_GENERATE_OPTIONS.dnsLabels,
    };
  };

  common(
    addInputOptions(generate.command('default-deny'))
      .description('a default-deny policy per namespace (DNS egress kept, 169.254.169.254 blocked)')
      .argument('[paths...]', 'inputs whose namespaces get a policy (optional with --namespace)')
      .option(
        '-n, --namespace <ns>',
        'namespace to cover (repeatable; default: every namespace of the input but kube-system, kube-public, kube-node-lease); with --cluster and one -n, only that namespace is read',
        collect,
        [],
      )
      // The cluster flags of the other commands, but -n is this command's own (repeatable).
      .option('--cluster', 'read from the cluster of the kubeconfig instead of files (read-only)')
      .option('--context <name>', 'kubeconfig context (default: the current context)')
      .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, ~/.kube/config, or in-cluster)')
      .option('-A, --all-namespaces', 'with --cluster: every namespace (the default)'),
  ).action(
    async (
      paths: string[],
      flags: Omit<ClusterFlags, 'namespace'> &
        Partial<InputFlags> & {
          namespace: string[];
          calico?: boolean;
          dnsNamespace: string;
          dnsLabel: string[];
          output?: string;
          force?: boolean;
        },
    ) => {
      if (flags.allNamespaces && flags.namespace.length > 0)
        throw new UsageError('--namespace and --all-namespaces exclude each other');
      for (const ns of flags.namespace) checkNamespaceName('-n/--namespace', ns);
      const { namespace, ...rest } = flags;
      const source: ClusterFlags & Partial<InputFlags> = {
        ...rest,
        ...(flags.cluster && namespace.length === 1 ? { namespace: namespace[0] } : {}),
      };
      checkSource(paths, source);
      const options = await generateOptions(flags);
      const gen = await import('../analysis/netpol/generate.js');
      let namespaces = namespace;
      let failed = false;
      if (paths.length > 0 || flags.cluster) {
        const loaded = await load(paths, source);
        const analysis = await analyze(loaded, {});
        failed = await report(loaded, analysis.notes);
        if (namespaces.length === 0)
          namespaces = analysis.namespaces.filter((ns) => !gen.SYSTEM_NAMESPACES.includes(ns));
      }
      if (namespaces.length === 0) throw new UsageError('no namespace: pass inputs or --namespace');
      output(
        gen.toYamlStream(
          gen.generateDefaultDeny(namespaces, options),
          'generated by kubeward netpol generate default-deny',
        ),
        flags.output,
        { inputs: paths, force: flags.force === true },
      );
      setExit(failed ? EXIT.error : EXIT.ok);
    },
  );

  const fromConnections = common(
    generate
      .command('from-connections')
      .description(
        'least-privilege policies allowing exactly a list of intended connections (netpol list txt format)',
      )
      .argument('[paths...]', 'inputs holding the workloads named in the list')
      .requiredOption(
        '-c, --connections <file>',
        'intended connections, one "src => dst : TCP 80,UDP 53" per line',
      ),
  );
  addClusterOptions(addInputOptions(fromConnections), true).action(
    async (
      paths: string[],
      flags: ClusterFlags & {
        connections: string;
        calico?: boolean;
        dnsNamespace: string;
        dnsLabel: string[];
        output?: string;
        force?: boolean;
      },
    ) => {
      checkSource(paths, flags);
      const options = await generateOptions(flags);
      const gen = await import('../analysis/netpol/generate.js');
      const read = readTextFile(flags.connections, { maxBytes: 16 * 1024 * 1024 });
      if (!read.ok) throw new UsageError(`--connections: cannot read ${flags.connections}: ${read.message}`);
      const text = read.text;
      const loaded = await load(paths, flags);
      const analysis = await analyze(loaded, {});
      const parsed = gen.parseConnectionList(analysis, text, flags.connections);
      const result = gen.generateFromConnections(parsed.connections, options, analysis);
      output(
        gen.toYamlStream(result.objects, 'generated by kubeward netpol generate from-connections'),
        flags.output,
        { inputs: [...paths, flags.connections], force: flags.force === true },
      );
      const failed = await report(loaded, [...analysis.notes, ...parsed.notes, ...result.notes]);
      setExit(failed ? EXIT.error : EXIT.ok);
    },
  );
}
