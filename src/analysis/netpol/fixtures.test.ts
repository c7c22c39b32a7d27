import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadText } from '../../load/documents.js';
import { analyzeNetpol } from './analysis.js';
import { formatConnections, formatNotes } from './format.js';

// Each case under test/fixtures/netpol/ holds input.yaml and expected.txt: the connection list written by
// hand from the Kubernetes and Calico semantics (metadata endpoint off, so external space is split only at
// the CIDRs the policies use, as netpol-analyzer splits it). A case may add notes.txt: the warnings and
// errors it must raise (none otherwise).
const root = 'test/fixtures/netpol';

describe('connection lists of the fixture cases', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const file = join(root, name, 'input.yaml');
      const { resources, problems } = loadText(readFileSync(file, 'utf8'), { file });
      expect(problems).toEqual([]);
      const analysis = analyzeNetpol(resources, { metadataEndpoint: false });
      const notes = join(root, name, 'notes.txt');
      expect(formatNotes(analysis.notes.filter((n) => n.level !== 'info'))).toBe(
        existsSync(notes) ? readFileSync(notes, 'utf8') : '',
      );
      const expected = readFileSync(join(root, name, 'expected.txt'), 'utf8');
      expect(formatConnections(analysis.connections(), 'txt')).toBe(expected);
    });
  }
});
