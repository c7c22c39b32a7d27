// `npm run bench`: scans ../shared/corpus with the default preset and compares with the fastest bare parse of
// the same files (js-yaml 4.1 loadAll), measured in the same run, alternating, median of KUBEWARD_BENCH_RUNS
// (5). Also shows js-yaml 5.5's parse (the earlier baseline) and the scan without line resolution, to show
// what positions cost. Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, process.env.KUBEWARD_BENCH_CORPUS ?? '../shared/corpus');
const runs = Number(process.env.KUBEWARD_BENCH_RUNS ?? 5);
if (!existsSync(corpus)) {
  console.error(`corpus not found: ${corpus} (set KUBEWARD_BENCH_CORPUS)`);
  process.exit(2);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const worker = (mode, target) =>
  JSON.parse(
    execFileSync(process.execPath, [join(root, 'bench/scan-worker.mjs'), mode, target], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    }),
  );

function largestFile(dir) {
  let best = { size: 0, path: '' };
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/i.test(e.name)) {
        const size = statSync(p).size;
        if (size > best.size) best = { size, path: p };
      }
    }
  };
  walk(dir);
  return best;
}

// Warm the file cache once so no side pays for cold reads.
worker('js-yaml-4', corpus);
const modes = ['js-yaml-4', 'kubeward', 'js-yaml-4-pos', 'kubeward-direct', 'kubeward-nopos', 'js-yaml'];
const samples = Object.fromEntries(modes.map((m) => [m, []]));
for (let i = 0; i < runs; i++) {
  // Alternate so that machine noise hits every side alike.
  for (const mode of modes) samples[mode].push(worker(mode, corpus));
}
const ms = (mode) => median(samples[mode].map((s) => s.wallMs));
const cpu = (mode) => median(samples[mode].map((s) => s.cpuMs));
const rss = (mode) => median(samples[mode].map((s) => s.maxRssMb));
const scanMs = ms('kubeward');
const parseMs = ms('js-yaml-4');
const last = samples.kubeward.at(-1);
const largest = largestFile(corpus);

// Start-up: the CLI on one small file, as a user runs it.
const small = join(root, 'examples/hardened-deployment.yaml');
const cliTimes = [];
for (let i = 0; i < 5; i++) {
  const t = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, [join(root, 'bin/kubeward.js'), 'scan', small, '--format', 'json'], {
      stdio: 'ignore',
    });
  } catch {
    // exit code 1 (findings) is expected for some inputs
  }
  cliTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
}

const fmt = (n, d = 1) => n.toFixed(d);
console.log(`corpus                     ${corpus}`);
console.log(`runs                       ${runs} (median reported)`);
console.log(`documents                  ${last.documents}`);
console.log(`resources                  ${last.resources}`);
console.log(`findings                   ${last.findings}`);
console.log(`problems                   ${last.problems}`);
console.log(`scan wall time             ${fmt(scanMs)} ms`);
console.log(`documents per second       ${fmt((last.documents / scanMs) * 1000, 0)}`);
console.log(`scan peak RSS              ${fmt(rss('kubeward'))} MB`);
console.log(
  `scan, files read directly  ${fmt(ms('kubeward-direct'))} ms (readFileSync + loadText, no input planning)`,
);
console.log(
  `  and no line resolution   ${fmt(ms('kubeward-nopos'))} ms (every location line 1: what positions cost)`,
);
console.log(`js-yaml 4.1 loadAll        ${fmt(parseMs)} ms (same files, same run; the baseline)`);
console.log(`js-yaml 4.1 peak RSS       ${fmt(rss('js-yaml-4'))} MB`);
console.log(`js-yaml 4.1 with offsets   ${fmt(ms('js-yaml-4-pos'))} ms (listener recording node offsets)`);
console.log(`js-yaml 5.5 loadAll        ${fmt(ms('js-yaml'))} ms (the earlier baseline)`);
console.log(`js-yaml 5.5 peak RSS       ${fmt(rss('js-yaml'))} MB`);
console.log(`ratio scan / 4.1 parse     ${fmt(scanMs / parseMs, 2)}`);
console.log(`ratio scan / 5.5 parse     ${fmt(scanMs / ms('js-yaml'), 2)}`);
console.log(
  `CPU time scan / 4.1 parse  ${fmt(cpu('kubeward'), 0)} ms / ${fmt(cpu('js-yaml-4'), 0)} ms (user + system, GC threads included)`,
);
console.log(
  `largest file               ${fmt(largest.size / 1048576, 2)} MB (${largest.path.slice(corpus.length + 1)})`,
);
console.log(`CLI one small file         ${fmt(median(cliTimes))} ms wall (median of 5)`);
