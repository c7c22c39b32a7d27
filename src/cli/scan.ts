import { writeFileSync } from 'node:fs';
import type { KubewardConfig } from '../engine/config.js';
import { defaultConfig } from '../engine/config.js';
import { UsageError } from '../engine/errors.js';
import type { PresetName } from '../engine/rule.js';
import { scan } from '../engine/scan.js';
import { findConfigFile, readConfigFile } from '../load/config-file.js';
import { severityRank, type Severity } from '../model/types.js';
import { EXIT } from './main.js';

interface ScanFlags {
  format: 'table' | 'json' | 'sarif' | 'junit' | 'kubesec';
  output?: string;
  preset?: PresetName;
  config?: string | false;
  failOn?: Severity | 'none';
  rules?: string;
  annotationExemptions: boolean;
  values: string[];
  set: string[];
  maxFileSize: number;
  color?: boolean;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Resolves the effective config: file (found or given), then command-line flags on top. */
export function resolveConfig(
  flags: Pick<ScanFlags, 'config' | 'preset' | 'failOn' | 'annotationExemptions'>,
): KubewardConfig {
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
  if (paths.length === 0)
    throw new UsageError('no input: pass files, directories, globs or - for standard input');
  const config = resolveConfig(flags);
  const only = flags.rules
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const { formatResult } = await import('../report/index.js');
  const result = await scan(paths, {
    config,
    kubesec: flags.format === 'kubesec',
    ...(only ? { only } : {}),
    load: { maxFileSize: flags.maxFileSize, helmValues: flags.values, helmSet: flags.set, readStdin },
  });
  const color =
    flags.color ?? (flags.output === undefined && process.stdout.isTTY === true && !process.env.NO_COLOR);
  const report = await formatResult(result, flags.format, { color });
  if (flags.output) writeFileSync(flags.output, report);
  else process.stdout.write(report);

  if (result.problems.some((p) => p.level === 'error')) return EXIT.error;
  if (config.failOn !== 'none') {
    const threshold = severityRank(config.failOn);
    if (result.findings.some((f) => !f.suppressed && severityRank(f.severity) >= threshold))
      return EXIT.findings;
  }
  return EXIT.ok;
}
