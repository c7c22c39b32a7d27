// `npm run bench`: the full CIS 1.12 node run (probe a fixture root + evaluate + text report) over the
// kubeadm control-plane fixture, against same-run baselines: reading and parsing the equivalent facts file,
// and evaluating those facts without probing. Prints figures; asserts nothing.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = process.env.KUBEWARD_BENCH_NODE_FIXTURE ?? 'kubeadm-cp-hardened';
const runs = Number(process.env.KUBEWARD_BENCH_RUNS ?? 20);
const { collectFacts } = await import(join(root, 'dist/node/probe/collect.js'));
const { evaluate, selectBenchmark } = await import(join(root, 'dist/node/evaluate.js'));
const { parseFacts } = await import(join(root, 'dist/node/facts.js'));
const { formatNodeText } = await import(join(root, 'dist/node/report/text.js'));

// The tree is materialised from its description, as the tests do (git keeps no modes).
const desc = load(readFileSync(join(root, `test/fixtures/node/${fixture}/tree.yaml`), 'utf8'));
const tree = mkdtempSync(join(tmpdir(), 'kubeward-node-bench-'));
for (const path of Object.keys(desc.dirs ?? {})) mkdirSync(join(tree, path), { recursive: true });
for (const [path, f] of Object.entries(desc.files ?? {})) {
  mkdirSync(dirname(join(tree, path)), { recursive: true });
  writeFileSync(join(tree, path), f.content ?? '');
  chmodSync(join(tree, path), parseInt(f.mode ?? '644', 8));
}
for (const [pid, p] of Object.entries(desc.proc ?? {})) {
  mkdirSync(join(tree, 'proc', pid), { recursive: true });
  writeFileSync(join(tree, 'proc', pid, 'cmdline'), `${p.argv.join('\0')}\0`);
}
const factsFile = join(root, `test/fixtures/node/${fixture}/facts.json`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const t = process.hrtime.bigint();
  const out = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, out };
};

const full = [];
const readOnly = [];
const evalOnly = [];
let checks = 0;
let files = 0;
for (let i = 0; i < runs; i++) {
  // Alternate so that machine noise hits every side alike.
  readOnly.push(time(() => parseFacts(readFileSync(factsFile, 'utf8'), factsFile)).ms);
  const f = time(() => {
    const facts = collectFacts({ root: tree, execVersion: false });
    const report = evaluate(facts, selectBenchmark(facts, 'cis-1.12'));
    files = Object.keys(facts.files).length;
    checks = Object.values(report.totals).reduce((a, b) => a + b, 0);
    return formatNodeText(report);
  });
  full.push(f.ms);
  const facts = parseFacts(readFileSync(factsFile, 'utf8'), factsFile);
  evalOnly.push(time(() => formatNodeText(evaluate(facts, selectBenchmark(facts, 'cis-1.12')))).ms);
}
rmSync(tree, { recursive: true, force: true });

const fmt = (n) => n.toFixed(2);
console.log(`fixture                        ${fixture} (${files} paths collected, ${checks} checks)`);
console.log(`runs                           ${runs} (median reported)`);
console.log(`full run (probe+eval+text)     ${fmt(median(full))} ms wall`);
console.log(`evaluate+text from facts       ${fmt(median(evalOnly))} ms wall`);
console.log(`baseline: read+parse facts     ${fmt(median(readOnly))} ms wall (same run)`);
console.log(`ratio full / read facts        ${fmt(median(full) / median(readOnly))}`);
