import type { ScanResult } from '../engine/result.js';

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
 * Renders a scan result in the given format. Each reporter module is imported only when its format is
 * asked for, so that the CLI does not load (for example) the SARIF and JUnit writers for a table.
 */
export async function formatResult(
  result: ScanResult,
  format: Format,
  options: FormatOptions = {},
): Promise<string> {
  switch (format) {
    case 'table':
      return (await import('./table.js')).formatTable(result, options);
    case 'json':
      return (await import('./json.js')).formatJson(result);
    case 'sarif':
      return (await import('./sarif.js')).formatSarif(result);
    case 'junit':
      return (await import('./junit.js')).formatJunit(result);
    case 'kubesec':
      // kubesec's output is per document; the scan collects it when asked (see ScanOptions.kubesec).
      return (await import('./kubesec.js')).formatKubesec(result.kubesec ?? []);
  }
}
