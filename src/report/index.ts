import type { ScanResult } from '../engine/result.js';
import { collectOutput, type ReportWriter } from './writer.js';

export { StringWriter, type ReportWriter } from './writer.js';

/** Report formats of `kubeward scan --format`. */
export const FORMATS = ['table', 'json', 'sarif', 'junit', 'kubesec'] as const;

/** A report format name. */
export type Format = (typeof FORMATS)[number];

/** Options shared by the reporters; each uses the ones that apply to it. */
export interface FormatOptions {
  /** ANSI colours in `table` output; the CLI sets this when stdout is a terminal. */
  color?: boolean;
}

/** Whether a string names a report format (for validating `--format`). */
export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}

/**
 * Renders a scan result in the given format as one string. Each reporter module is imported only when its
 * format is asked for, so that the CLI does not load (for example) the SARIF and JUnit writers for a table.
 */
export async function formatResult(
  result: ScanResult,
  format: Format,
  options: FormatOptions = {},
): Promise<string> {
  const write = await resultWriter(format, options);
  return collectOutput((out) => write(result, out));
}

/**
 * The function that writes a scan result in the given format to a {@link ReportWriter}, chunk by chunk
 * (JSON, SARIF, JUnit and kubesec a resource, finding or problem at a time), for reports too large to
 * build as one string. What it writes is byte for byte what {@link formatResult} returns.
 */
export async function resultWriter(
  format: Format,
  options: FormatOptions = {},
): Promise<(result: ScanResult, out: ReportWriter) => void> {
  switch (format) {
    case 'table': {
      const { formatTable } = await import('./table.js');
      return (result, out) => out.write(formatTable(result, options));
    }
    case 'json':
      return (await import('./json.js')).writeJson;
    case 'sarif':
      return (await import('./sarif.js')).writeSarif;
    case 'junit':
      return (await import('./junit.js')).writeJunit;
    case 'kubesec': {
      // kubesec's output is per document; the scan collects it when asked (see ScanOptions.kubesec).
      const { writeKubesec } = await import('./kubesec.js');
      return (result, out) => writeKubesec(result.kubesec ?? [], out);
    }
  }
}
