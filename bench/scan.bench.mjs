// `npm run bench`: scans ../shared/corpus with the default preset and compares with js-yaml's bare parse of
// the same files, measured in the same run. Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, process.env.KUBEWARD_BENCH_CORPUS ?? '../shared/corpus');
const runs = Number(process.env.KUBEWARD_BENCH_RUNS ?? 3);
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

// Warm the file cache once so neither side pays for cold reads.
worker('js-yaml', corpus);
const scans = [];
const parses = [];
for (let i = 0; i < runs; i++) {
  // Alternate so that machine noise hits both sides alike.
  parses.push(worker('js-yaml', corpus));
  scans.push(worker('kubeward', corpus));
}
const scanMs = median(scans.map((s) => s.wallMs));
const parseMs = median(parses.map((s) => s.wallMs));
const last = scans.at(-1);
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
console.log(`scan peak RSS              ${fmt(median(scans.map((s) => s.maxRssMb)))} MB`);
console.log(`js-yaml loadAll wall time  ${fmt(parseMs)} ms (same files, same run)`);
console.log(`js-yaml peak RSS           ${fmt(median(parses.map((s) => s.maxRssMb)))} MB`);
console.log(`ratio scan / parse         ${fmt(scanMs / parseMs, 2)}`);
console.log(
  `largest file               ${fmt(largest.size / 1048576, 2)} MB (${largest.path.slice(corpus.length + 1)})`,
);
console.log(`CLI one small file         ${fmt(median(cliTimes))} ms wall (median of 5)`);
