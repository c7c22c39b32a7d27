import { Option, type Command } from 'commander';
import { PRESETS, type KubewardConfig } from '../engine/config.js';
import { UsageError } from '../base/errors.js';
import type { PresetName } from '../engine/rule.js';
import { severityRank, type Severity } from '../model/types.js';
import { EXIT } from './exit.js';
import type { SetExit } from './main.js';
import { addClusterOptions, checkPathsOrCluster, clusterUnits, type ClusterFlags } from './cluster.js';
import { checkOutput, isStdout, writeOutputWith } from './output.js';
import { addInputOptions, type InputFlags } from './input-options.js';
import { parseRuleIds } from './flags.js';

/** Defines `kubeward scan`; the engine is loaded only when the command runs. */
export function registerScan(program: Command, setExit: SetExit): void {
  const command = program
    .command('scan')
    .description(
      'scan manifests (files, directories, globs, Helm charts, Kustomize directories, - for stdin)',
    )
    .argument('[paths...]', 'inputs to scan')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json', 'sarif', 'junit', 'kubesec'])
        .default('table'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of standard output (- for it)')
    .option('--force', 'with -o: replace an output path that is a symbolic link')
    .addOption(
      new Option('-p, --preset <name>', "rule preset (default: recommended, or the config file's)").choices(
        PRESETS,
      ),
    )
    .option(
      '-c, --config <file>',
      'config file (default: .kubeward.yaml or .kubeward.yml found upward from the working directory)',
    )
    .option('--no-config', 'ignore any .kubeward.yaml or .kubeward.yml')
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 when an unsuppressed finding is at or above this severity (default: high)',
      ).choices(['critical', 'high', 'medium', 'low', 'info', 'none']),
    )
    .option('-r, --rules <ids>', 'run only these comma-separated rule ids')
    .option(
      '--no-annotation-exemptions',
      'ignore kubeward.io/ignore annotations (for CI that deployers must not bypass)',
    )
    .option('--values <file>', 'Helm values file for chart directories (repeatable)', collect, [])
    .option('--set <key=value>', 'Helm --set value for chart directories (repeatable)', collect, [])
    .option(
      '--set-string <key=value>',
      'Helm --set-string value for chart directories (repeatable)',
      collect,
      [],
    )
    .option(
      '--set-file <key=path>',
      "Helm --set-file for chart directories: the value is the file's text (repeatable)",
      collect,
      [],
    )
    .option('--color', 'force colours in table output')
    .option('--no-color', 'disable colours in table output');
  addClusterOptions(addInputOptions(command), true).action(
    async (paths: string[], flags: Record<string, unknown>) => {
      setExit(await runScan(paths, flags));
    },
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface ScanFlags extends ClusterFlags, InputFlags {
  format: 'table' | 'json' | 'sarif' | 'junit' | 'kubesec';
  output?: string;
  force?: boolean;
  preset?: PresetName;
  config?: string | false;
  failOn?: Severity | 'none';
  rules?: string;
  annotationExemptions: boolean;
  values: string[];
  set: string[];
  setString: string[];
  setFile: string[];
  color?: boolean;
}

/** Resolves the effective config: file (found or given), then command-line flags on top. */
export async function resolveConfig(
  flags: Pick<ScanFlags, 'config' | 'preset' | 'failOn' | 'annotationExemptions'>,
): Promise<KubewardConfig> {
  const { findConfigFile, readConfigFile } = await import('../load/config-file.js');
  const { defaultConfig } = await import('../engine/config.js');
  // An empty --config would otherwise read as "no file" and drop the config silently.
  if (typeof flags.config === 'string' && flags.config.trim() === '')
    throw new UsageError(
      '--config: the value is empty (is a variable unset?); give a file or use --no-config',
    );
  const file = flags.config === false ? undefined : (flags.config ?? findConfigFile(process.cwd()));
  const config = file ? readConfigFile(file) : defaultConfig();
  if (flags.preset) config.preset = flags.preset;
  if (flags.failOn) config.failOn = flags.failOn;
  if (flags.annotationExemptions === false) config.annotationExemptions = false;
  return config;
}

/** `kubeward scan`: returns the exit code. */
export async function runScan(paths: string[], raw: Record<string, unknown>): Promise<number> {
  const flags = raw as unknown as ScanFlags;
  checkPathsOrCluster(paths, flags);
  if (paths.length === 0 && !flags.cluster)
    throw new UsageError('no input: pass files, directories, globs or - for standard input');
  const only = parseRuleIds(flags.rules);
  // Refused before the scan, so that a wrong -o costs nothing; checked again when written.
  const output = {
    inputs: [
      ...paths,
      ...flags.values,
      ...flags.setFile.map((assignment) => assignment.slice(assignment.indexOf('=') + 1)),
      ...(typeof flags.config === 'string' ? [flags.config] : []),
    ],
    force: flags.force === true,
  };
  checkOutput(flags.output, output);
  const config = await resolveConfig(flags);
  const { scan, scanUnits } = await import('../engine/scan.js');
  const { resultWriter } = await import('../report/index.js');
  const options = {
    config,
    kubesec: flags.format === 'kubesec',
    ...(only ? { only } : {}),
    load: {
      maxFileSize: flags.maxFileSize,
      helmValues: flags.values,
      helmSet: flags.set,
      helmSetString: flags.setString,
      helmSetFile: flags.setFile,
      stdin: process.stdin,
      followSymlinksOutside: flags.followSymlinksOutside === true,
      allowRemote: flags.allowRemote === true,
      renderTimeoutMs: flags.renderTimeout,
    },
  };
  let result;
  if (flags.cluster) {
    // Only the kinds the selected rules read are listed.
    const { selectRules } = await import('../engine/registry.js');
    const ruleKinds = selectRules(config, only).flatMap((a) => a.rule.meta.kinds);
    const stats = { requests: 0, objects: 0, folded: 0 };
    result = await scanUnits(await clusterUnits(flags, ruleKinds, stats), options);
  } else result = await scan(paths, options);
  const color =
    flags.color ?? (isStdout(flags.output) && process.stdout.isTTY === true && !process.env.NO_COLOR);
  const write = await resultWriter(flags.format, { color });
  writeOutputWith(flags.output, output, (out) => write(result, out));

  if (result.problems.some((p) => p.level === 'error')) return EXIT.error;
  if (config.failOn !== 'none') {
    const threshold = severityRank(config.failOn);
    if (result.findings.some((f) => !f.suppressed && severityRank(f.severity) >= threshold))
      return EXIT.findings;
  }
  return EXIT.ok;
}
