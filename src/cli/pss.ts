import { Option, type Command } from 'commander';
import { UsageError } from '../base/errors.js';
import type { Problem, Resource } from '../model/types.js';
import { EXIT } from './exit.js';
import type { SetExit } from './main.js';
import { formatProblemLine } from './problems.js';
import { addInputOptions, type InputFlags } from './input-options.js';
import { pushAll } from '../model/array.js';

/** Defines `kubeward pss`; the evaluator is loaded only when the command runs. */
export function registerPss(program: Command, setExit: SetExit): void {
  const command = program
    .command('pss')
    .description(
      'judge pod-bearing manifests against the Pod Security Standards exactly as Pod Security Admission does',
    )
    .argument(
      '[paths...]',
      'inputs (files, directories, globs, Helm charts, Kustomize directories, - for stdin)',
    )
    .addOption(
      new Option('-l, --level <level>', 'level to check against').choices([
        'baseline',
        'restricted',
        'privileged',
      ]),
    )
    .option('--version <version>', 'policy version: latest or v1.N (default: latest)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option(
      '--namespaces',
      'judge each resource against the pod-security.kubernetes.io labels of its Namespace object in the input',
    )
    .addOption(
      new Option('--default-level <level>', 'with --namespaces: level for namespaces without labels')
        .choices(['privileged', 'baseline', 'restricted'])
        .default('privileged'),
    )
    .option(
      '--default-version <version>',
      'with --namespaces: version for namespaces without labels',
      'latest',
    );
  addInputOptions(command).action(async (paths: string[], flags: Record<string, unknown>) => {
    setExit(await runPss(paths, flags as unknown as PssFlags));
  });
}

interface PssFlags extends InputFlags {
  level?: 'baseline' | 'restricted' | 'privileged';
  version?: string;
  format: 'text' | 'json';
  namespaces?: boolean;
  defaultLevel: 'privileged' | 'baseline' | 'restricted';
  defaultVersion: string;
}

/** `kubeward pss`: returns the exit code (1 when a resource is not allowed, 2 for input problems). */
export async function runPss(paths: string[], flags: PssFlags): Promise<number> {
  if (paths.length === 0)
    throw new UsageError('no input: pass files, directories, globs or - for standard input');
  const pss = await import('../analysis/pss/index.js');
  const parseVersionFlag = (
    flag: string,
    text: string,
  ): ReturnType<typeof pss.parsePolicyVersion> & object => {
    const v = pss.parsePolicyVersion(text);
    if (!v)
      throw new UsageError(
        `${flag}: "${text}" is not a policy version (expected latest or v1.N, e.g. v1.30)`,
      );
    return v;
  };
  if (flags.namespaces && flags.level !== undefined)
    throw new UsageError(
      '--level and --namespaces exclude each other (use --default-level with --namespaces)',
    );
  if (flags.namespaces && flags.version !== undefined)
    throw new UsageError(
      '--version and --namespaces exclude each other (use --default-version with --namespaces)',
    );
  const version = parseVersionFlag('--version', flags.version ?? 'latest');
  const defaultVersion = parseVersionFlag('--default-version', flags.defaultVersion);

  const { loadInputs } = await import('../load/inputs.js');
  const resources: Resource[] = [];
  const problems: Problem[] = [];
  for await (const unit of loadInputs(paths, {
    maxFileSize: flags.maxFileSize,
    helmValues: [],
    helmSet: [],
    stdin: process.stdin,
    followSymlinksOutside: flags.followSymlinksOutside === true,
    allowRemote: flags.allowRemote === true,
    renderTimeoutMs: flags.renderTimeout,
  })) {
    pushAll(resources, unit.resources);
    pushAll(problems, unit.problems);
  }
  const report = flags.namespaces
    ? pss.evaluateWithNamespaces(resources, pss.uniformPolicy(flags.defaultLevel, defaultVersion), problems)
    : pss.evaluateResources(resources, flags.level ?? 'restricted', version, problems);

  for (const p of report.problems) process.stderr.write(formatProblemLine(p));
  process.stdout.write(flags.format === 'json' ? pss.formatPssJson(report) : pss.formatPssText(report));
  if (report.problems.some((p) => p.level === 'error')) return EXIT.error;
  return pss.allAllowed(report) ? EXIT.ok : EXIT.findings;
}
