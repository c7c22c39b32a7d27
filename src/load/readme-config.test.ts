import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from './config-file.js';

describe('README', () => {
  it('documents a config example that kubeward accepts', () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /```yaml\n(preset:[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const file = join(mkdtempSync(join(tmpdir(), 'kubeward-readme-')), '.kubeward.yaml');
    writeFileSync(file, block ?? '');
    const config = readConfigFile(file);
    expect(config.rules['workload/low-user-id']).toEqual({
      severity: 'medium',
      options: { threshold: 999, reportUnset: true },
    });
    expect(config.exemptions[0]?.reason).toMatch(/AWS VPC CNI/);
  });
});
