// `npm run bench`: `kubeward scan` of 60,000 one-container Pods (one 6 MB file) in every report format,
// written with -o. Prints wall time, CPU time, peak RSS and report size per format; asserts nothing.
// KUBEWARD_BENCH_PODS changes the number of Pods.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pods = Number(process.env.KUBEWARD_BENCH_PODS ?? 60_000);
const dir = mkdtempSync(join(tmpdir(), 'kubeward-bench-formats-'));
const input = join(dir, 'pods.yaml');
let text = '';
for (let i = 0; i < pods; i++)
  text += `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: nginx\n`;
writeFileSync(input, text);

const fmt = (n, d = 1) => n.toFixed(d);
console.log(`input                      ${pods} Pods, ${fmt(text.length / 1048576, 2)} MB in one file`);
const preload = pathToFileURL(join(root, 'bench/rss-preload.mjs')).href;
try {
  for (const format of ['table', 'json', 'sarif', 'junit', 'kubesec']) {
    const output = join(dir, `report.${format}`);
    const rssFile = join(dir, `rss.${format}`);
    const started = process.hrtime.bigint();
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        preload,
        join(root, 'bin/kubeward.js'),
        'scan',
        input,
        '--no-config',
        '-f',
        format,
        '-o',
        output,
      ],
      { env: { ...process.env, KUBEWARD_BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    // Exit code 1 means findings, the expected outcome here.
    if (run.status !== 1) {
      console.log(
        `${format.padEnd(27)}exit ${run.status ?? run.signal}: ${String(run.stderr).slice(0, 300)}`,
      );
      continue;
    }
    const usage = JSON.parse(readFileSync(rssFile, 'utf8'));
    const rssMb = usage.maxRSS / 1024;
    const sizeMb = statSync(output).size / 1048576;
    console.log(
      `${format.padEnd(27)}${fmt(wallMs / 1000, 2)} s wall, ${fmt(usage.cpu / 1e6, 2)} s CPU, ${fmt(rssMb, 0)} MB peak RSS, report ${fmt(sizeMb, 1)} MB`,
    );
    rmSync(output);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
