import type { JsonValue } from '../../model/types.js';
import { decodeDocument, DecodeError } from '../../base/yaml-document.js';

/** The documents kubesec v2 scores in one input, and whether it had to stop early. */
export interface KubesecDocuments {
  values: JsonValue[];
  /** kubesec stops at the first chunk it cannot convert to JSON; the chunks after it are not scored. */
  stopped: boolean;
}

// Go's bytes.TrimSpace: ASCII white space plus the Unicode spaces; the JavaScript set is close enough for
// the characters that appear around YAML documents.
const trimSpace = (text: string): string => text.trim();

/**
 * Splits one input into the documents kubesec v2 (`pkg/ruler/ruleset.go`, `Run`) scores, which is not how a
 * YAML parser splits a stream:
 *
 * - input that is valid JSON as a whole is one document;
 * - otherwise the text is cut at every `\n---\n` (only a bare marker line: `--- # comment` or `---\r\n` does
 *   not cut, and what follows such a line in the same chunk is never read, as go-yaml's Unmarshal reads the
 *   first document only);
 * - chunks that are empty or just `---` after trimming are skipped;
 * - a chunk holding only comments is a document whose value is `null` (kubesec reports it as `Unknown`);
 * - the first chunk that does not decode ends the scan of the input.
 *
 * @param text - the input, already decoded to text
 * @param maxDepth - nesting limit for the YAML decoder
 */
export function kubesecDocuments(text: string, maxDepth = 200): KubesecDocuments {
  try {
    return { values: [JSON.parse(text) as JsonValue], stopped: false };
  } catch {
    // not JSON: split as YAML below
  }
  const values: JsonValue[] = [];
  for (const piece of text.split('\n---\n')) {
    const chunk = trimSpace(piece);
    if (chunk === '' || chunk === '---') continue;
    try {
      // Same alias budget as the loader: a document cannot have more nodes than characters, plus slack.
      const decoded = decodeDocument(chunk, { maxDepth, maxExpandedNodes: chunk.length + 10_000 });
      values.push(decoded.value);
    } catch (error) {
      if (error instanceof DecodeError) return { values, stopped: true };
      throw error;
    }
  }
  return { values, stopped: false };
}
