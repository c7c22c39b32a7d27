import { Command, CommanderError, Option } from 'commander';
import { InputError, InternalError, UsageError } from '../engine/errors.js';
import { VERSION } from '../version.js';

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('kubeward')
    .description('Audit and harden Kubernetes deployments.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  program
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
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(
      new Option('-p, --preset <name>', "rule preset (default: recommended, or the config file's)").choices([
        'recommended',
        'strict',
        'kubesec',
        'pss-baseline',
        'pss-restricted',
        'cis',
        'nsa',
        'all',
      ]),
    )
    .option(
      '-c, --config <file>',
      'config file (default: .kubeward.yaml found upward from the working directory)',
    )
    .option('--no-config', 'ignore any .kubeward.yaml')
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
      '--max-file-size <bytes>',
      'skip (and report) files larger than this',
      parseSize,
      16 * 1024 * 1024,
    )
    .option('--color', 'force colours in table output')
    .option('--no-color', 'disable colours in table output')
    .action(async (paths: string[], flags: Record<string, unknown>) => {
      const { runScan } = await import('./scan.js');
      setExit(await runScan(paths, flags));
    });

  program
    .command('rules')
    .description('list the rule catalog')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json', 'markdown'])
        .default('table'),
    )
    .option('-p, --preset <name>', 'only rules of this preset')
    .action(async (flags: Record<string, unknown>) => {
      const { runRules } = await import('./rules.js');
      setExit(await runRules(flags));
    });
  return program;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseSize(value: string): number {
  const m = /^(\d+)\s*([kKmMgG]i?[bB]?)?$/.exec(value.trim());
  if (!m) throw new UsageError(`--max-file-size: not a size: ${value} (e.g. 1048576, 512k, 16M)`);
  const unit = (m[2] ?? '').charAt(0).toLowerCase();
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Number(m[1]) * factor;
}

/**
 * Runs the CLI and returns the exit code. The only place (with the command modules) that prints; every
 * error class maps to an exit code here.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let exit: number = EXIT.ok;
  const program = buildProgram((code) => {
    exit = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; parse errors were already printed by commander.
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (error instanceof UsageError || error instanceof InputError) {
      process.stderr.write(`kubeward: ${error.message}\n`);
      return EXIT.error;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const internal = error instanceof InternalError ? error.message : detail;
    process.stderr.write(
      `kubeward: internal error (this is a bug; please report it with the command you ran):\n${internal}\n`,
    );
    return EXIT.error;
  }
}
