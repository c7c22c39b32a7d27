import { describe, expect, it } from 'vitest';
import { sampleResult } from './__fixtures__/result.js';
import { FORMATS, formatResult, isFormat } from './index.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatTable } from './table.js';

describe('formatResult', () => {
  it('dispatches every format to its reporter', async () => {
    const result = sampleResult();
    expect(await formatResult(result, 'table')).toBe(formatTable(result));
    expect(await formatResult(result, 'table', { color: true })).toBe(formatTable(result, { color: true }));
    expect(await formatResult(result, 'json')).toBe(formatJson(result));
    expect(await formatResult(result, 'sarif')).toBe(formatSarif(result));
    expect(await formatResult(result, 'junit')).toBe(formatJunit(result));
  });

  it('lists the formats and recognizes their names', () => {
    expect(FORMATS).toEqual(['table', 'json', 'sarif', 'junit', 'kubesec']);
    expect(FORMATS.every(isFormat)).toBe(true);
    expect(isFormat('xml')).toBe(false);
  });
});
