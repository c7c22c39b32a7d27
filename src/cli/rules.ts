import { Option, type Command } from 'commander';
import { UsageError } from '../base/errors.js';
import type { PresetName } from '../engine/rule.js';
import { EXIT } from './exit.js';
import type { SetExit } from './main.js';
import { maxOf } from '../model/array.js';

/** Defines `kubeward rules`. */
export function registerRules(program: Command, setExit: SetExit): void {
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
      setExit(await runRules(flags));
    });
}

/** `kubeward rules`: prints the catalog. */
export async function runRules(flags: Record<string, unknown>): Promise<number> {
  const format = flags.format as 'table' | 'json' | 'markdown';
  const preset = flags.preset as string | undefined;
  const { PRESETS } = await import('../engine/config.js');
  const { allRules, inPreset, ruleInfo } = await import('../engine/registry.js');
  if (preset !== undefined && !(PRESETS as readonly string[]).includes(preset)) {
    throw new UsageError(`unknown preset "${preset}" (expected one of ${PRESETS.join(', ')})`);
  }
  const rules = allRules().filter((r) => preset === undefined || inPreset(r, preset as PresetName));
  const infos = rules.map((r) => ({ ...ruleInfo(r), presets: PRESETS.filter((p) => inPreset(r, p)) }));
  let out: string;
  if (format === 'json') {
    out = JSON.stringify(infos, null, 2) + '\n';
  } else if (format === 'markdown') {
    out =
      '| rule | severity | title |\n|---|---|---|\n' +
      infos.map((r) => `| [${r.id}](${r.helpUri}) | ${r.severity} | ${r.title} |`).join('\n') +
      '\n';
  } else {
    const idWidth = maxOf(
      infos.map((r) => r.id.length),
      4,
    );
    out =
      `${'RULE'.padEnd(idWidth)}  SEVERITY  TITLE\n` +
      infos.map((r) => `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(8)}  ${r.title}`).join('\n') +
      `\n\n${infos.length} rules\n`;
  }
  process.stdout.write(out);
  return EXIT.ok;
}
