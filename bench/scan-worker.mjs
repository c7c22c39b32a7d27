// One measured run, in its own process so that peak RSS belongs to that run alone.
// Usage: node bench/scan-worker.mjs kubeward|js-yaml DIR
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [mode, dir] = process.argv.slice(2);

function manifestFiles(root) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/i.test(e.name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

const started = process.hrtime.bigint();
let stats;
if (mode === 'js-yaml') {
  const { loadAll } = await import('js-yaml');
  let documents = 0;
  let bytes = 0;
  for (const file of manifestFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    documents += loadAll(text).filter((d) => d != null).length;
  }
  stats = { documents, bytes };
} else {
  const { scan } = await import('../dist/index.js');
  const result = await scan([dir]);
  stats = {
    documents: result.documents,
    resources: result.resources.length,
    findings: result.findings.filter((f) => !f.suppressed).length,
    problems: result.problems.length,
  };
}
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(
  JSON.stringify({ mode, wallMs, maxRssMb: process.resourceUsage().maxRSS / 1024, ...stats }) + '\n',
);
