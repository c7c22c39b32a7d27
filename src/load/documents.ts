import type { JsonValue, Problem, Resource, SourceLocation } from '../model/types.js';
import { decodeDocument, DecodeError, DocumentLocator } from '../base/yaml-document.js';
import { isObject } from '../model/json.js';
import { isBlankChunk, splitDocuments } from './split.js';

/** What loading one text produced. */
export interface LoadedText {
  resources: Resource[];
  problems: Problem[];
  /** Non-empty documents seen, whether or not they became resources. */
  documents: number;
}

/** How positions found in the text map back to the user's files. */
export interface TextOrigin {
  /** The file reported for the text as a whole. */
  file: string;
  /**
   * Optional override for where each document is reported: rendered Helm output names its template in a
   * `# Source:` comment; the returned locator replaces line resolution for that document.
   */
  redirect?: (chunkText: string) => ((pointer: string) => SourceLocation) | undefined;
  /** Called with every non-empty decoded document, before it is split into resources (kubesec output). */
  onDocument?: (value: JsonValue) => void;
}

/** Default maximum nesting depth of a document. */
export const DEFAULT_MAX_DEPTH = 200;

/**
 * Turns one YAML/JSON text into resources. Never throws for bad input: every document that cannot be
 * used becomes a {@link Problem} with file and line, and the other documents are still returned.
 */
export function loadText(text: string, origin: TextOrigin, maxDepth = DEFAULT_MAX_DEPTH): LoadedText {
  const result: LoadedText = { resources: [], problems: [], documents: 0 };
  const file = origin.file;
  let docIndex = 0;
  for (const chunk of splitDocuments(text)) {
    if (isBlankChunk(chunk.text)) continue;
    const index = docIndex++;
    result.documents++;
    const at = (line: number, column: number): SourceLocation => ({
      file,
      line: chunk.startLine + line + 1,
      column: column + 1,
    });
    // Parsers report errors at end of input one line past the chunk; keep them inside this document. Only
    // computed for errors: trimming every document's text would cost a noticeable share of the parse.
    const errorAt = (line: number, column: number): SourceLocation => {
      const trimmed = chunk.text.trimEnd();
      let lastLine = 0;
      for (let i = trimmed.indexOf('\n'); i !== -1; i = trimmed.indexOf('\n', i + 1)) lastLine++;
      return line > lastLine ? at(lastLine, 0) : at(line, column);
    };
    let decoded;
    try {
      // A document without aliases cannot have more nodes than characters; the slack admits small anchors.
      decoded = decodeDocument(chunk.text, { maxDepth, maxExpandedNodes: chunk.text.length + 10_000 });
    } catch (error) {
      if (error instanceof DecodeError) {
        result.problems.push({
          code: error.code,
          level: 'error',
          message: error.code === 'input/parse-error' ? `YAML syntax error: ${error.message}` : error.message,
          location: errorAt(error.line, error.column),
        });
        continue;
      }
      throw error;
    }
    const locator = new DocumentLocator(decoded);
    const redirected = origin.redirect?.(chunk.text);
    const locate = (pointer: string): SourceLocation => {
      if (redirected) return redirected(pointer);
      const pos = locator.locate(pointer);
      return at(pos.line, pos.column);
    };
    const value = decoded.value;
    if (value === null) {
      result.documents--;
      docIndex--;
      continue;
    }
    origin.onDocument?.(value);
    collect(value, '', index, locate, result);
  }
  return result;
}

function describe(value: JsonValue): string {
  if (Array.isArray(value)) return 'a sequence';
  if (value === null) return 'empty';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value} scalar`;
}

// The item of a typed list with the kind and apiVersion the list gives it, first as in an object the API
// serves alone; an item that names its own is left as it is.
function typedItem(item: JsonValue, kind: string, apiVersion: string): JsonValue {
  if (!isObject(item) || (item.kind !== undefined && item.apiVersion !== undefined)) return item;
  const { apiVersion: ownApiVersion, kind: ownKind, ...rest } = item;
  return { apiVersion: ownApiVersion ?? apiVersion, kind: ownKind ?? kind, ...rest };
}

function collect(
  value: JsonValue,
  prefix: string,
  docIndex: number,
  locate: (pointer: string) => SourceLocation,
  out: LoadedText,
): void {
  const where = locate(prefix);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    out.problems.push({
      code: 'input/not-kubernetes',
      level: 'warning',
      message: `document is ${describe(value)}, not a Kubernetes object; skipped`,
      location: where,
    });
    return;
  }
  const apiVersion = value.apiVersion;
  const kind = value.kind;
  if (apiVersion === undefined && kind === undefined) {
    out.problems.push({
      code: 'input/not-kubernetes',
      level: 'warning',
      message: 'mapping has neither apiVersion nor kind (Helm values or other configuration?); skipped',
      location: where,
    });
    return;
  }
  if (typeof kind !== 'string' || kind === '') {
    out.problems.push({
      code: 'input/missing-kind',
      level: 'error',
      message: 'Kubernetes object has no kind; not scanned',
      location: where,
    });
    return;
  }
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    out.problems.push({
      code: 'input/missing-api-version',
      level: 'error',
      message: `${kind} has no apiVersion; not scanned`,
      location: where,
    });
    return;
  }
  if (kind.endsWith('List') && Array.isArray(value.items)) {
    // A typed list as the API returns it (`kubectl get --raw`, the REST API: `PodList`, `DeploymentList`…)
    // leaves kind and apiVersion out of its items, since the list names them; `List` items carry their own.
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    value.items.forEach((item, i) =>
      collect(
        itemKind === undefined ? item : typedItem(item, itemKind, apiVersion),
        `${prefix}/items/${i}`,
        docIndex,
        locate,
        out,
      ),
    );
    return;
  }
  const metadata = isObject(value.metadata) ? value.metadata : undefined;
  const name =
    typeof metadata?.name === 'string'
      ? metadata.name
      : typeof metadata?.generateName === 'string'
        ? `${metadata.generateName}*`
        : '';
  const namespace = typeof metadata?.namespace === 'string' ? metadata.namespace : null;
  out.resources.push({
    apiVersion,
    kind,
    name,
    namespace,
    object: value,
    source: {
      file: where.file,
      docIndex,
      line: where.line,
      column: where.column,
      locate: prefix === '' ? locate : (pointer) => locate(prefix + pointer),
    },
  });
}
