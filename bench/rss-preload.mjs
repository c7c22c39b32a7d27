// Loaded with `node --import` into a measured CLI run: writes the process's peak RSS (KiB) and CPU time (µs)
// to the file named by KUBEWARD_BENCH_RSS_FILE when it exits, so the figures are that run's alone.
import { writeFileSync } from 'node:fs';

const file = process.env.KUBEWARD_BENCH_RSS_FILE;
if (file)
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({ maxRSS: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime }),
    );
  });
