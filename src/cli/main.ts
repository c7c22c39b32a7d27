import { Command, CommanderError } from 'commander';
import { registerPss } from './pss.js';
import { registerNetpol } from './netpol.js';
import { registerRules } from './rules.js';
import { registerScan } from './scan.js';
import { registerCluster } from './cluster.js';
import { registerRbac } from './rbac.js';
import { registerNode } from './node.js';
import { InputError, InternalError, UsageError } from '../base/errors.js';
import { VERSION } from '../version.js';
import { rejectEmptyOptionValues } from './flags.js';
import { escapeText } from '../report/escape.js';

import { EXIT } from './exit.js';

/** Receives a command's exit code. */
export type SetExit = (code: number) => void;

function buildProgram(setExit: SetExit): Command {
  const program = new Command();
  program
    .name('kubeward')
    .description('Audit and harden Kubernetes deployments.')
    .version(VERSION, '-V, --version')
    // Program options only before the command name, so `kubeward pss --version v1.30` reaches pss.
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    // commander's errors quote the arguments (`unknown option '…'`): escaped like every message.
    .configureOutput({
      writeErr: (s) => process.stderr.write(escapeLines(s)),
      writeOut: (s) => process.stdout.write(s),
    })
    // Before any command runs: an empty flag value (an unset CI variable) is a usage error, never ignored.
    .hook('preAction', (_program, action) => rejectEmptyOptionValues(action));

  // One module per command; each registers its options and loads its implementation only when run.
  registerScan(program, setExit);
  registerRules(program, setExit);
  registerCluster(program, setExit);
  registerRbac(program, setExit);
  registerNetpol(program, setExit);
  registerNode(program, setExit);
  registerPss(program, setExit);
  return program;
}

/**
 * Commander answers `--help` before it looks for the command, so `kubeward score --help` would print the
 * root help and exit 0. When the word after a command group (the program, `cluster`, `netpol`, …) names none
 * of its commands, the help flags are dropped so that commander reports the unknown command (exit 2), as it
 * does without `--help`.
 */
function withoutHelpForUnknownCommand(program: Command, argv: readonly string[]): string[] {
  let command = program;
  let i = 0;
  for (;;) {
    if (command.commands.length === 0) break;
    // Skip the group's own options, and the value of each option that takes one.
    while (i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '--') {
      const token = argv[i++]!;
      if (token.includes('=')) continue;
      const option = command.options.find((o) => o.short === token || o.long === token);
      if (option?.required || (option?.optional && i < argv.length && !argv[i]!.startsWith('-'))) i++;
    }
    const word = argv[i];
    if (word === undefined || word === '--' || word === 'help') break;
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) {
      // A group that also takes arguments may be looking at one; commander judges those itself.
      if (command.registeredArguments.length > 0) break;
      const end = argv.indexOf('--', i);
      return argv.filter((a, j) => j <= i || (end >= 0 && j >= end) || (a !== '--help' && a !== '-h'));
    }
    command = sub;
    i++;
  }
  return [...argv];
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
    await program.parseAsync(withoutHelpForUnknownCommand(program, argv), { from: 'user' });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; parse errors were already printed by commander.
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (error instanceof UsageError || error instanceof InputError) {
      process.stderr.write(`kubeward: ${escapeText(error.message)}\n`);
      return EXIT.error;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const internal = error instanceof InternalError ? error.message : detail;
    process.stderr.write(
      `kubeward: internal error (this is a bug; please report it with the command you ran):\n${escapeLines(internal)}\n`,
    );
    return EXIT.internal;
  }
}

// A message may quote input (a config file's rule ids, a file name) or arguments, so it is printed escaped,
// on one line; a stack trace or commander's usage text keeps its lines, each escaped.
function escapeLines(message: string): string {
  return message.split('\n').map(escapeText).join('\n');
}
