// One `kubeward netpol list` run in its own process, so that peak RSS belongs to that run alone. The list
// goes to standard output (the caller counts it); the figures go to file descriptor 3 as one JSON line.
// Usage: node bench/netpol-list-worker.mjs FILE [more netpol list arguments]
import { writeSync } from 'node:fs';
import { main } from '../dist/cli/main.bundle.js';

const started = process.hrtime.bigint();
const code = await main(['netpol', 'list', ...process.argv.slice(2)]);
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
writeSync(3, JSON.stringify({ code, wallMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
process.exitCode = code;
