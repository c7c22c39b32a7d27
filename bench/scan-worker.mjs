// One measured run, in its own process so that peak RSS belongs to that run alone.
// Usage: node bench/scan-worker.mjs MODE DIR, MODE one of
//   js-yaml-4       js-yaml 4.1 loadAll of every file (the fastest parse: the baseline)
//   js-yaml-4-pos   the same with a listener recording every node's start and end offset
//   js-yaml         js-yaml 5.5 loadAll of every file (the parser the project uses elsewhere)
//   kubeward        the default-preset scan, as `kubeward scan DIR` runs it
//   kubeward-direct the same rules over the files read directly (readFileSync + loadText, no input planning)
//   kubeward-nopos  kubeward-direct with line resolution replaced by line 1 everywhere
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
if (mode.startsWith('js-yaml')) {
  const { loadAll } = await import(mode === 'js-yaml' ? 'js-yaml' : 'js-yaml-4');
  const offsets = [];
  const options =
    mode === 'js-yaml-4-pos'
      ? { listener: (event, state) => offsets.push(event === 'open' ? state.position : -state.position) }
      : undefined;
  let documents = 0;
  let bytes = 0;
  for (const file of manifestFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    offsets.length = 0;
    try {
      documents += loadAll(text, null, options).filter((d) => d != null).length;
    } catch {
      // a file the parser refuses still counts for the time spent on it
    }
  }
  stats = { documents, bytes };
} else if (mode === 'kubeward-nopos' || mode === 'kubeward-direct') {
  const { scanUnits, loadText } = await import('../dist/index.js');
  const files = manifestFiles(dir);
  const result = await scanUnits(async function* () {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const loaded = loadText(
        text,
        mode === 'kubeward-direct'
          ? { file }
          : { file, redirect: () => () => ({ file, line: 1, column: 1 }) },
      );
      yield { file, ...loaded };
    }
  });
  stats = {
    documents: result.documents,
    resources: result.resources.length,
    findings: result.findings.filter((f) => !f.suppressed).length,
    problems: result.problems.length,
  };
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
const cpu = process.cpuUsage();
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(
  JSON.stringify({ mode, wallMs, cpuMs, maxRssMb: process.resourceUsage().maxRSS / 1024, ...stats }) + '\n',
);
