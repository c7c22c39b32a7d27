import { describe, expect, it } from 'vitest';
import { decodeDocument, DocumentLocator } from './yaml-document.js';

const LIMITS = { maxDepth: 200, maxExpandedNodes: 10_000 };

describe('DocumentLocator', () => {
  it('answers the root first, then fields below it (parsed again on demand), then the root again', () => {
    const text =
      '# leading comment\n\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: x\n';
    const locator = new DocumentLocator(decodeDocument(text, LIMITS));
    expect(locator.locate('')).toEqual({ line: 2, column: 0 });
    expect(locator.locate('/spec/containers/0/image')).toEqual({ line: 7, column: 6 });
    // A missing field resolves to its nearest existing parent.
    expect(locator.locate('/spec/containers/0/securityContext')).toEqual({ line: 6, column: 6 });
    expect(locator.locate('')).toEqual({ line: 2, column: 0 });
  });

  it('keeps no parser events: the decoded document can be dropped and positions still resolve', () => {
    const decoded = decodeDocument('a:\n  b: [1, 2]\n', LIMITS);
    const locator = new DocumentLocator(decoded);
    decoded.events.length = 0;
    expect(locator.locate('/a/b/1')).toEqual({ line: 1, column: 9 });
  });

  it('places the root of an anchored scalar and of a flow mapping', () => {
    expect(new DocumentLocator(decodeDocument('--- &x hello\n', LIMITS)).locate('')).toEqual({
      line: 0,
      column: 4,
    });
    expect(new DocumentLocator(decodeDocument('  {kind: Pod}\n', LIMITS)).locate('/kind')).toEqual({
      line: 0,
      column: 3,
    });
  });
});
