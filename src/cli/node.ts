import { Option, type Command } from 'commander';
import { InputError, UsageError } from '../base/errors.js';
import { escapeText } from '../report/escape.js';
import { EXIT } from './exit.js';
import type { SetExit } from './main.js';
import { checkOutput, isStdout, writeOutput } from './output.js';

/** Defines `kubeward node` and `kubeward node collect`; the benchmark code loads only when they run. */
export function registerNode(program: Command, setExit: SetExit): void {
  const node = program
    .command('node')
    .description(
      'run the CIS Kubernetes Benchmark node checks: live, on a mounted host root, or from a facts file',
    )
    .option('--root <dir>', 'the node root filesystem is mounted here (e.g. /host in a pod)')
    .option('--facts <file>', 'evaluate a facts file written by `kubeward node collect` instead of probing')
    .option('-b, --benchmark <id>', 'auto, cis-1.12 or eks-1.8', 'auto')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'kube-bench', 'junit', 'sarif'])
        .default('text'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of standard output (- for it)')
    .option('--force', 'with -o: replace an output path that is a symbolic link')
    .option(
      '--kube-version <version>',
      'Kubernetes version of the node, when it cannot be detected (e.g. v1.32.3)',
    )
    .option('--color', 'force colours in text output')
    .option('--no-color', 'disable colours in text output')
    .action(async (flags: Record<string, unknown>) => {
      setExit(await runNode(flags));
    });
  node
    .command('collect')
    .description('write the NodeFacts JSON document of this node (or of --root) for `kubeward node --facts`')
    .option('--root <dir>', 'the node root filesystem is mounted here (e.g. /host in a pod)')
    .option('-o, --output <file>', 'write the facts to a file instead of standard output (- for it)')
    .option('--force', 'with -o: replace an output path that is a symbolic link')
    .option('--kube-version <version>', 'record this Kubernetes version instead of the detected one')
    .action(async (flags: Record<string, unknown>) => {
      setExit(await runCollect(flags));
    });
}

interface NodeFlags {
  root?: string;
  facts?: string;
  benchmark: string;
  format: 'text' | 'json' | 'kube-bench' | 'junit' | 'sarif';
  output?: string;
  force?: boolean;
  kubeVersion?: string;
  color?: boolean;
}

async function loadFacts(flags: Pick<NodeFlags, 'root' | 'facts' | 'kubeVersion'>) {
  if (flags.root !== undefined && flags.facts !== undefined)
    throw new UsageError('--root and --facts cannot be used together');
  if (flags.kubeVersion !== undefined && !/^v?1\.\d+(\.\d+)?([-+.][0-9A-Za-z.+-]*)?$/.test(flags.kubeVersion))
    throw new UsageError(`--kube-version: not a Kubernetes version: ${flags.kubeVersion} (e.g. v1.32.3)`);
  let facts;
  if (flags.facts !== undefined) {
    const { parseFacts } = await import('../node/facts.js');
    const { readTextFile } = await import('../load/read-file.js');
    // Facts files are small (a node's processes, configs and file modes); 64 MiB is far above any real one.
    const read = readTextFile(flags.facts, { maxBytes: 64 * 1024 * 1024 });
    if (!read.ok) throw new InputError(`cannot read facts file ${flags.facts}: ${read.message}`);
    facts = parseFacts(read.text, flags.facts);
  } else {
    const { existsSync, statSync } = await import('node:fs');
    if (flags.root !== undefined && !(existsSync(flags.root) && statSync(flags.root).isDirectory()))
      throw new UsageError(`--root: not a directory: ${flags.root}`);
    const { collectFacts } = await import('../node/probe/collect.js');
    facts = collectFacts(flags.root !== undefined ? { root: flags.root } : {});
    // A process that looked like a component but was not taken for one is worth knowing about: it may be
    // someone's decoy, or a real component kubeward could not verify (its flags were not used). The reason
    // quotes paths the process chose, so it is escaped.
    for (const p of facts.processes ?? [])
      if (p.verdict === 'rejected')
        process.stderr.write(
          `kubeward: warning: process ${p.pid} looks like ${p.component} but was not used: ${escapeText(p.reason)}\n`,
        );
  }
  if (flags.kubeVersion !== undefined) {
    const version = flags.kubeVersion.startsWith('v') ? flags.kubeVersion : `v${flags.kubeVersion}`;
    facts.kubernetesVersion = { version, evidence: ['--kube-version on the command line'] };
  }
  return facts;
}

/** `kubeward node`: returns the exit code (1 when any check FAILs). */
export async function runNode(raw: Record<string, unknown>): Promise<number> {
  const flags = raw as unknown as NodeFlags;
  const output = { inputs: flags.facts !== undefined ? [flags.facts] : [], force: flags.force === true };
  checkOutput(flags.output, output);
  const facts = await loadFacts(flags);
  const { evaluate, selectBenchmark } = await import('../node/evaluate.js');
  const selection = selectBenchmark(facts, flags.benchmark);
  // The reason can quote what the node says about itself (platform, version), so it is escaped.
  process.stderr.write(`kubeward: benchmark ${selection.benchmark.id}: ${escapeText(selection.reason)}\n`);
  if (flags.benchmark !== 'auto') {
    const eks = selection.benchmark.id.startsWith('eks-');
    if (eks !== (facts.platform.name === 'eks'))
      process.stderr.write(
        `kubeward: note: ${selection.benchmark.id} was requested but the node looks like platform ${escapeText(facts.platform.name)}\n`,
      );
  }
  if (facts.components.length === 0)
    process.stderr.write(
      'kubeward: warning: no Kubernetes component (process, static pod manifest or kubelet unit) was found, so every check is NOT_APPLICABLE; in a pod, check hostPID and the host mounts\n',
    );
  const report = evaluate(facts, selection);
  const { formatNodeReport } = await import('../node/report/index.js');
  const color =
    flags.color ?? (isStdout(flags.output) && process.stdout.isTTY === true && !process.env.NO_COLOR);
  const out = await formatNodeReport(report, flags.format, { color });
  writeOutput(flags.output, out, output);
  return report.totals.FAIL > 0 ? EXIT.findings : EXIT.ok;
}

/** `kubeward node collect`: writes the facts document. */
export async function runCollect(raw: Record<string, unknown>): Promise<number> {
  const flags = raw as unknown as Pick<NodeFlags, 'root' | 'output' | 'force' | 'kubeVersion'>;
  checkOutput(flags.output, { force: flags.force === true });
  const facts = await loadFacts(flags);
  const { stringifyFacts } = await import('../node/facts.js');
  const out = stringifyFacts(facts);
  writeOutput(flags.output, out, { force: flags.force === true });
  return EXIT.ok;
}
