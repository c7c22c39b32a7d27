import { spawnSync } from 'node:child_process';

/** What a module run as another user printed. */
export interface UnprivilegedRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs an ES module snippet (which may `await import('./src/…')`) in a child Node process as the unprivileged
 * user `nobody`, so that permission checks apply even when the tests run as root (as CI does). The caller's
 * temporary files must be readable by that user.
 */
export function runAsNobody(source: string): UnprivilegedRun {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', source], {
    encoding: 'utf8',
    timeout: 20_000,
    ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
