#!/usr/bin/env node
// The CLI runs from one esbuild bundle (with lazily loaded chunks per command) rather than from tsc's ~200
// module files: resolving and loading fewer files is what keeps a small scan well under 300 ms.
import { main } from '../dist/cli/main.bundle.js';

// A reader that stops early (`kubeward rules -f json | head`) closes the pipe: that ends the output; it is
// not a crash to report.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
