import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../../test/helpers/cli.js';
import { VERSION } from '../version.js';

// Regression oracle: test/fixtures/regression/examples-scan.json is `kubeward scan examples --format json` as
// printed by the build of main before the loader moved to the fast parser (commit 9748a3b). It is not written
// by hand; it pins that the new loader changes no value, line, column or problem of the examples. Only the
// tool version is taken from the current build. A deliberate change to the examples' findings must
// regenerate it (and say why in its commit).
describe('scan output', () => {
  it('is what the earlier loader printed for examples/', async () => {
    const expected = JSON.parse(readFileSync('test/fixtures/regression/examples-scan.json', 'utf8')) as {
      tool: { version: string };
    };
    expected.tool.version = VERSION;
    const result = await run('scan', 'examples', '--format', 'json', '--no-config');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });
});
