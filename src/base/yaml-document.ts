import {
  CORE_SCHEMA,
  EVENT_ID,
  intYaml11Tag,
  boolYaml11Tag,
  mergeTag,
  parseEvents,
  constructFromEvents,
  getScalarValue,
  YAMLException,
  type Event,
} from 'js-yaml';
import type { JsonValue } from '../model/types.js';
import { createFastDecoder, fastKeyText, fastNodeOffset, type FastNode } from './yaml-fast.js';

// Kubernetes (kubectl and the API server, through sigs.k8s.io/yaml) decodes YAML with go-yaml v2's YAML 1.1
// rules: `defaultMode: 0644` is the octal 420 and `privileged: yes` is true there, where the YAML 1.2 core
// schema would read 644 and the string "yes". Merge keys (`<<`) are honoured by the same decoder. Reading
// manifests the way the cluster will is what makes a scanner's verdicts true.
const SCHEMA = CORE_SCHEMA.withTags(intYaml11Tag, boolYaml11Tag, mergeTag);

/** Limits applied while decoding one document. */
export interface DecodeLimits {
  /** Maximum number of nodes after alias expansion; counts every visit through an alias. */
  maxExpandedNodes: number;
  /** Maximum collection nesting depth. */
  maxDepth: number;
}

/** A parsed document: its value plus what is kept to resolve positions later. */
export interface DecodedDocument {
  value: JsonValue;
  text: string;
  /** The depth limit it was decoded with (a {@link DocumentLocator} parses it again with the same). */
  maxDepth: number;
  /** Where the fast parser found the root node (no children: they are parsed again when asked for). */
  root?: FastNode;
  /** js-yaml 5's parser events when the document was decoded by it (empty when the fast parser did). */
  events: Event[];
}

// Plain scalars typed exactly as js-yaml 5 types them with the schema above. Like js-yaml 5 itself, only the
// tags that declare a scalar's first character are tried for it; most scalars are strings found at once.
const decodeFast = createFastDecoder(
  (source) => SCHEMA.resolveImplicitScalarTag(source).value,
  typedFirstCharacters(),
);

function typedFirstCharacters(): ReadonlySet<string> | undefined {
  const chars = new Set<string>();
  for (const tag of SCHEMA.implicitScalarTags) {
    if (!tag.implicitFirstChars) return undefined;
    for (const ch of tag.implicitFirstChars) chars.add(ch);
  }
  return chars;
}

/** Why a document could not be decoded, with a 0-based line/column inside the chunk. */
export class DecodeError extends Error {
  constructor(
    message: string,
    readonly code: 'input/parse-error' | 'input/alias-limit',
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

// Reasons js-yaml gives (versions 4 and 5, the latter also under @kubernetes/client-node) that quote nothing
// of the document. Every other reason is described by its kind only, because js-yaml puts the offending
// token in it ("unknown tag !<!Hunter2pass>", "unidentified alias \"Hunter2pass\"") and an unquoted value
// starting with ! or * is exactly how a password in a manifest or kubeconfig becomes a tag or an alias.
const SAFE_REASONS: ReadonlySet<string> = new Set([
  'TAG directive accepts exactly two arguments',
  'YAML directive accepts exactly one argument',
  'a line break is expected',
  'a whitespace character is expected after the key-value separator within a block mapping',
  'abnormal merge sequence size',
  'alias node should not have any properties',
  'bad explicit indentation width of a block scalar; it cannot be less than one',
  'bad indentation of a mapping entry',
  'bad indentation of a sequence entry',
  'can not read a block mapping entry; a multiline key may not be an implicit key',
  'can not read a document',
  'can not read an implicit mapping pair; a colon is missed',
  'cannot merge mappings; the provided source object is unacceptable',
  'deficient indentation',
  'directive name must not be less than one character in length',
  'directives end mark is expected',
  'duplicated mapping key',
  'duplication of %YAML directive',
  'duplication of a tag property',
  'duplication of an anchor property',
  'end of the stream or a document separator is expected',
  "expected ':' after a mapping key",
  'expected a document, but the input is empty',
  'expected a single document in the stream, but found more',
  'expected hexadecimal character',
  "expected the node content, but found ','",
  'expected valid JSON character',
  'ill-formed argument of the YAML directive',
  'ill-formed tag handle (first argument) of the TAG directive',
  'ill-formed tag prefix (second argument) of the TAG directive',
  'incomplete explicit mapping pair; a key node is missed; or followed by a non-tabulated empty line',
  'incomplete mapping pair in event stream',
  'missed comma between flow collection entries',
  'missing indentation for block scalar',
  'name of an alias node must contain at least one character',
  'name of an anchor node must contain at least one character',
  'named tag handle cannot contain such characters',
  'nested arrays are not supported inside keys',
  'non-ASCII line breaks are interpreted as content',
  'null byte is not allowed in input',
  'repeat of a chomping mode identifier',
  'repeat of an indentation width identifier',
  'tab characters must not be used in indentation',
  'tag suffix cannot contain exclamation marks',
  'tag suffix cannot contain flow indicator characters',
  'the stream contains non-printable characters',
  'unacceptable YAML version of the document',
  'unexpected end of the document within a double quoted scalar',
  'unexpected end of the document within a single quoted scalar',
  'unexpected end of the stream within a double quoted scalar',
  'unexpected end of the stream within a flow collection',
  'unexpected end of the stream within a single quoted scalar',
  'unexpected end of the stream within a verbatim tag',
  'unknown escape sequence',
  'unsupported YAML version of the document',
]);

// Reasons that carry a token of the document, by kind. Limits carry only the configured number.
const REASON_KINDS: readonly (readonly [RegExp, string])[] = [
  [
    /^(nesting exceeded maxDepth|merge keys exceeded maxTotalMergeKeys|aliases exceeded maxAliases) \(\d+\)$/,
    '',
  ],
  [
    /^unknown (scalar |sequence |mapping )?tag /,
    'unknown tag (an unquoted value starting with ! is read as a tag: quote the value)',
  ],
  [/^cannot resolve a node with /, 'the value does not match its explicit tag'],
  [/^unacceptable node kind for /, 'the tag does not fit this kind of node'],
  [
    /^unidentified alias /,
    'undefined alias (an unquoted value starting with * is read as an alias: quote the value)',
  ],
  [/^recursive alias /, 'recursive alias'],
  [/^(tag name cannot contain such characters|tag name is malformed)/, 'invalid tag name'],
  [/^undeclared tag handle /, 'undeclared tag handle'],
  [/^there is a previously declared suffix for /, 'a tag handle is declared twice'],
  [/^tag prefix is malformed/, 'malformed tag prefix'],
];

/**
 * Describes a YAML decoder error without any content of the document: the kind of error ("unknown tag",
 * "undefined alias", "bad indentation of a mapping entry") and its 0-based line and column. js-yaml's own
 * `message` shows a snippet of the source and its `reason` can quote the offending token, so neither is
 * shown as is. Works for the js-yaml errors of every version kubeward loads (the error is matched by shape);
 * undefined when `error` is not a YAML decoder error.
 */
export function describeYamlError(
  error: unknown,
): { message: string; line: number; column: number } | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const { reason, mark } = error as { reason?: unknown; mark?: { line?: unknown; column?: unknown } };
  if (typeof reason !== 'string') return undefined;
  const line = typeof mark?.line === 'number' ? mark.line : 0;
  const column = typeof mark?.column === 'number' ? mark.column : 0;
  if (SAFE_REASONS.has(reason)) return { message: reason, line, column };
  for (const [pattern, kind] of REASON_KINDS)
    if (pattern.test(reason)) return { message: kind || reason, line, column };
  return { message: 'not valid YAML', line, column };
}

/** Parses one YAML (or JSON) document. Throws {@link DecodeError} on bad input. */
export function decodeDocument(text: string, limits: DecodeLimits): DecodedDocument {
  // The fast path takes no document with aliases, so the alias budget cannot be exceeded there.
  const fast = decodeFast(text, limits.maxDepth, false);
  if (fast) {
    // Only where the root starts is kept: a resource must not hold a node per value (see DocumentLocator).
    const { open, kind } = fast.root;
    const root: FastNode = { open, kind, value: null, raw: undefined, children: undefined };
    return { value: fast.value as JsonValue, events: [], text, root, maxDepth: limits.maxDepth };
  }
  return decodeWithEvents(text, limits);
}

/**
 * The original decoder, js-yaml 5 events and all: used for every document the fast path hands back (errors,
 * limits, tags, anchors, merges…), and by tests as the reference the fast path must match.
 */
export function decodeWithEvents(text: string, limits: DecodeLimits): DecodedDocument {
  let events: Event[];
  let docs: unknown[];
  try {
    events = parseEvents(text, { maxDepth: limits.maxDepth });
    docs = constructFromEvents(events, { source: text, schema: SCHEMA });
  } catch (error) {
    const described = error instanceof YAMLException ? describeYamlError(error) : undefined;
    if (described)
      throw new DecodeError(described.message, 'input/parse-error', described.line, described.column);
    if (error instanceof RangeError) {
      throw new DecodeError('document is nested too deeply to decode', 'input/parse-error', 0, 0);
    }
    throw error;
  }
  const value = (docs[0] ?? null) as JsonValue;
  // Only aliases can make a document bigger than its text, so only documents with aliases are counted.
  const alias = events.find((e) => e.type === EVENT_ID.ALIAS);
  if (alias && countNodes(value, limits.maxExpandedNodes) > limits.maxExpandedNodes) {
    const at =
      alias && 'anchorStart' in alias ? lineColumnAt(text, alias.anchorStart) : { line: 0, column: 0 };
    throw new DecodeError(
      `alias expansion exceeds ${limits.maxExpandedNodes} nodes (a "billion laughs" document?); not scanned`,
      'input/alias-limit',
      at.line,
      at.column,
    );
  }
  return { value, events, text, maxDepth: limits.maxDepth };
}

// Counts nodes as a consumer would see them, re-entering shared (aliased) subtrees each time, and stops as
// soon as the budget is exceeded so the count itself stays cheap.
function countNodes(root: JsonValue, budget: number): number {
  let count = 0;
  const stack: JsonValue[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    count++;
    if (count > budget) return count;
    if (node !== null && typeof node === 'object') {
      if (Array.isArray(node)) {
        for (const child of node) stack.push(child);
      } else {
        for (const key in node) stack.push(node[key] as JsonValue);
      }
    }
  }
  return count;
}

/** 0-based line and column of an offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart };
}

interface PositionNode {
  offset: number;
  /** Children of a mapping: key → offset of the key and the value node. */
  entries?: Map<string, { keyOffset: number; node: PositionNode }>;
  items?: PositionNode[];
}

/**
 * Builds a tree of source offsets from parser events, only for documents where a finding needs a line.
 */
function buildPositionTree(events: Event[], text: string): PositionNode | undefined {
  const anchors = new Map<string, PositionNode>();
  let i = 0;
  const next = (): PositionNode | undefined => {
    const event = events[i++];
    if (event === undefined) return undefined;
    switch (event.type) {
      case EVENT_ID.SCALAR: {
        const node: PositionNode = { offset: event.valueStart };
        if (event.anchorStart >= 0) {
          node.offset = Math.min(node.offset, event.anchorStart - 1);
          anchors.set(text.slice(event.anchorStart, event.anchorEnd), node);
        }
        return node;
      }
      case EVENT_ID.ALIAS:
        return (
          anchors.get(text.slice(event.anchorStart, event.anchorEnd)) ?? { offset: event.anchorStart - 1 }
        );
      case EVENT_ID.SEQUENCE: {
        const node: PositionNode = { offset: event.start, items: [] };
        if (event.anchorStart >= 0) anchors.set(text.slice(event.anchorStart, event.anchorEnd), node);
        while (events[i] !== undefined && events[i]?.type !== EVENT_ID.POP) {
          const child = next();
          if (child) node.items?.push(child);
        }
        i++;
        return node;
      }
      case EVENT_ID.MAPPING: {
        const node: PositionNode = { offset: event.start, entries: new Map() };
        if (event.anchorStart >= 0) anchors.set(text.slice(event.anchorStart, event.anchorEnd), node);
        while (events[i] !== undefined && events[i]?.type !== EVENT_ID.POP) {
          const keyEvent = events[i];
          const key = keyEvent?.type === EVENT_ID.SCALAR ? getScalarValue(text, keyEvent) : undefined;
          const keyNode = next();
          const valueNode = next();
          if (key !== undefined && keyNode && valueNode) {
            if (key === '<<' && valueNode.entries) {
              // Merged keys resolve to where they were written, unless the map overrides them.
              for (const [k, v] of valueNode.entries) if (!node.entries?.has(k)) node.entries?.set(k, v);
            } else {
              node.entries?.set(key, { keyOffset: keyNode.offset, node: valueNode });
            }
          }
        }
        i++;
        return node;
      }
      case EVENT_ID.DOCUMENT: {
        const root = events[i]?.type === EVENT_ID.POP ? undefined : next();
        return root;
      }
      default:
        return undefined;
    }
  };
  return next();
}

// The offset buildPositionTree gives the document's root node, read from the first events only.
function rootOffset(events: Event[]): number | undefined {
  if (events[0]?.type !== EVENT_ID.DOCUMENT) return undefined;
  const event = events[1];
  switch (event?.type) {
    case EVENT_ID.SCALAR:
      return event.anchorStart >= 0 ? Math.min(event.valueStart, event.anchorStart - 1) : event.valueStart;
    case EVENT_ID.ALIAS:
      // An alias at the root names no anchor of this document.
      return event.anchorStart - 1;
    case EVENT_ID.SEQUENCE:
    case EVENT_ID.MAPPING:
      return event.start;
    default:
      return undefined;
  }
}

/** Splits a JSON pointer into unescaped tokens. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Resolves JSON pointers to 0-based line/column pairs within one decoded document, lazily.
 *
 * A scan holds every resource of a file until the file has been checked, and most resources never need a
 * position beyond their own first line (only findings do). So the locator keeps only the document's text
 * and its root offset, not the parser events (dozens of objects per node: 100,000 small ConfigMaps took
 * over 800 MiB with them); the first pointer below the root parses the text again, which cannot fail as
 * it succeeded once with the same limits.
 */
export class DocumentLocator {
  private tree: PositionNode | undefined | null = null;
  /** Every node of a document the fast parser read, once asked for (null: not to be had). */
  private nodes: FastNode | null | undefined;
  private lineStarts: number[] | undefined;
  private readonly text: string;
  private readonly maxDepth: number;
  private readonly root: number | undefined;
  private readonly fast: boolean;

  constructor(doc: DecodedDocument) {
    this.text = doc.text;
    this.maxDepth = doc.maxDepth;
    this.fast = doc.root !== undefined;
    this.root = doc.root ? fastNodeOffset(doc.text, doc.root) : rootOffset(doc.events);
  }

  /** Position of the field named by `pointer`, or of its nearest existing parent. */
  locate(pointer: string): { line: number; column: number } {
    const tokens = pointerTokens(pointer);
    if (this.root === undefined) return { line: 0, column: 0 };
    // The root's position is asked for every resource: answered without nodes and without keeping a table
    // of line starts.
    if (tokens.length === 0) return lineColumnAt(this.text, this.root);
    if (this.fast) {
      if (this.nodes === undefined) this.nodes = decodeFast(this.text, this.maxDepth, true)?.root ?? null;
      // When the node tree does not mirror the value (a flow pair…), the original parser's events answer.
      if (this.nodes) return this.lineColumn(this.fastOffset(this.nodes, tokens));
    }
    if (this.tree === null) this.tree = buildPositionTree(this.parseAgain(), this.text);
    let node: PositionNode | undefined = this.tree;
    if (!node) return { line: 0, column: 0 };
    let offset = node.offset;
    for (const token of tokens) {
      if (node?.entries) {
        const entry = node.entries.get(token);
        if (!entry) break;
        offset = entry.keyOffset;
        node = entry.node;
      } else if (node?.items) {
        const item: PositionNode | undefined = node.items[Number(token)];
        if (!/^\d+$/.test(token) || !item) break;
        offset = item.offset;
        node = item;
      } else {
        break;
      }
    }
    return this.lineColumn(offset);
  }

  private parseAgain(): Event[] {
    try {
      return parseEvents(this.text, { maxDepth: this.maxDepth });
    } catch {
      // Cannot happen for a text that was decoded with the same limits; every position is then line 1.
      return [];
    }
  }

  // The same walk as below, over the fast parser's nodes.
  private fastOffset(root: FastNode, tokens: readonly string[]): number {
    const text = this.text;
    let node = root;
    let offset = fastNodeOffset(text, node);
    for (const token of tokens) {
      const kids = node.children;
      if (node.kind === 'mapping') {
        const at = kids === undefined ? -1 : this.keyIndex(kids, token);
        if (at < 0) break;
        offset = fastNodeOffset(text, (kids as FastNode[])[at] as FastNode);
        node = (kids as FastNode[])[at + 1] as FastNode;
      } else if (node.kind === 'sequence') {
        const item = kids?.[Number(token)];
        if (!/^\d+$/.test(token) || !item) break;
        offset = fastNodeOffset(text, item);
        node = item;
      } else {
        break;
      }
    }
    return offset;
  }

  private keyIndexes: WeakMap<FastNode[], Map<string, number>> | undefined;

  // Index of the key node named `token` among a mapping's children; large mappings get a map, built once.
  private keyIndex(kids: FastNode[], token: string): number {
    if (kids.length <= 32) {
      for (let i = 0; i < kids.length; i += 2) if (fastKeyText(kids[i] as FastNode) === token) return i;
      return -1;
    }
    this.keyIndexes ??= new WeakMap();
    let index = this.keyIndexes.get(kids);
    if (!index) {
      index = new Map();
      for (let i = 0; i < kids.length; i += 2) index.set(fastKeyText(kids[i] as FastNode), i);
      this.keyIndexes.set(kids, index);
    }
    return index.get(token) ?? -1;
  }

  private lineColumn(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      const starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - (starts[lo] as number) };
  }
}
