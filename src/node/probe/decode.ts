import type { JsonValue } from '../../model/types.js';
import { decodeDocument, DecodeError } from '../../base/yaml-document.js';

/** A decoded node config document, or why it could not be decoded (naming the file and line). */
export type NodeDocument = { ok: true; value: JsonValue } | { ok: false; error: string };

/**
 * Decodes a YAML or JSON file read from a node (kubelet and kube-proxy configs, static pod manifests, the
 * k3s config, an AuthorizationConfiguration) with the decoder and limits manifests use: YAML 1.1 scalars
 * as Kubernetes reads them (`enabled: no` is false), bounded nesting, and bounded alias expansion, so that
 * a "billion laughs" document in a node tree is reported instead of filling memory.
 */
export function decodeNodeDocument(text: string, path: string): NodeDocument {
  try {
    return {
      ok: true,
      value: decodeDocument(text, { maxDepth: 100, maxExpandedNodes: text.length + 10_000 }).value,
    };
  } catch (error) {
    if (error instanceof DecodeError) {
      // The decoder's messages name the kind of error, never a token of the document (which may be a secret).
      const what = error.code === 'input/alias-limit' ? 'cannot decode' : 'invalid YAML';
      return { ok: false, error: `${path}:${error.line + 1}:${error.column + 1}: ${what}: ${error.message}` };
    }
    throw error;
  }
}
