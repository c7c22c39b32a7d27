import type { NodeReport } from '../evaluate.js';

/** Output formats of `kubeward node --format`. */
export const NODE_FORMATS = ['text', 'json', 'kube-bench', 'junit', 'sarif'] as const;

/** A node report format. */
export type NodeFormat = (typeof NODE_FORMATS)[number];

/** Renders a node report; each writer is loaded only when its format is asked for. */
export async function formatNodeReport(
  report: NodeReport,
  format: NodeFormat,
  options: { color?: boolean } = {},
): Promise<string> {
  switch (format) {
    case 'text':
      return (await import('./text.js')).formatNodeText(report, options);
    case 'json':
      return (await import('./json.js')).formatNodeJson(report);
    case 'kube-bench':
      return (await import('./kube-bench.js')).formatKubeBench(report);
    case 'junit':
      return (await import('./junit.js')).formatNodeJunit(report);
    case 'sarif':
      return (await import('./sarif.js')).formatNodeSarif(report);
  }
}
