import { loadAll, Schema, Type, type ListenerState } from 'js-yaml-4';

// js-yaml 4.1's parser is several times faster than js-yaml 5's (which the project uses for everything else),
// so documents are parsed with it first. It decides nothing on its own: plain scalars are typed by js-yaml 5's
// schema (the resolver passed in), and any document using a feature where the two parsers could disagree
// (tags, anchors, aliases, merge keys, complex keys, deep nesting, a syntax error, several documents, an
// empty document, a byte-order mark) is handed back so the caller decodes it the original way. What this
// module returns is therefore exactly what js-yaml 5 builds, only sooner.

/** One node as js-yaml 4 composed it, kept to resolve positions later. */
export interface FastNode {
  /** Offset where the parser started on the node: before the white space and comments that precede it. */
  open: number;
  kind: 'scalar' | 'sequence' | 'mapping' | null;
  value: unknown;
  /** Text of a plain scalar before typing (a key is looked up by the text written, as before). */
  raw: string | undefined;
  /** Children in source order: items, or key and value nodes alternating. */
  children: FastNode[] | undefined;
}

/** A document decoded by the fast path. */
export interface FastDocument {
  value: unknown;
  /** The root node; without children unless the nodes were asked for (or needed for the checks). */
  root: FastNode;
  /** Whether `root` holds every node. */
  complete: boolean;
}

/** Parses one document, with or without keeping its nodes; undefined when it must be decoded the original way. */
export type FastDecoder = (text: string, maxDepth: number, nodes: boolean) => FastDocument | undefined;

// Only a collection can be a complex key, written after `?` or as a flow collection before `:`; js-yaml 4 turns
// such a key into a string where js-yaml 5 refuses it. Without nodes that cannot be seen, so a text that may
// hold one is parsed with nodes, whose check is exact. The same for content on a `---` line (see below).
// Searched for by hand: a regular expression starting at any white space costs more than the parse saves.
function mayNeedNodes(text: string): boolean {
  for (let i = text.indexOf('?'); i !== -1; i = text.indexOf('?', i + 1)) {
    const before = i === 0 ? 0x0a : text.charCodeAt(i - 1);
    const after = i + 1 === text.length ? 0x0a : text.charCodeAt(i + 1);
    if (isBreakOrSpace(after) && (isBreakOrSpace(before) || ',[{-'.includes(String.fromCharCode(before))))
      return true;
  }
  if (FLOW_KEY.test(text)) return true;
  for (let i = text.indexOf('---'); i !== -1; i = text.indexOf('---', i + 3)) {
    if (i > 0 && text.charCodeAt(i - 1) !== 0x0a && text.charCodeAt(i - 1) !== 0x0d) continue;
    let j = i + 3;
    if (text.charCodeAt(j) !== 0x20 && text.charCodeAt(j) !== 0x09) continue;
    while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09) j++;
    if (j < text.length && text.charCodeAt(j) !== 0x23 && !isBreakOrSpace(text.charCodeAt(j))) return true;
  }
  return false;
}

// js-yaml 4 reads the item after an empty one (`-` alone on its line) into the same sequence even when it is
// less indented, so a `-` that ends its line after nothing but other dashes (or after `key:`) sends the
// document to the original decoder. A dash ending a line of prose is not one.
const DASH_AT_END = /-[ \t]*(?:#[^\n\r]*)?(?:\r?\n|\r|$)/g;

function hasEmptyItem(text: string): boolean {
  DASH_AT_END.lastIndex = 0;
  for (let m = DASH_AT_END.exec(text); m !== null; m = DASH_AT_END.exec(text)) {
    if (DASH_AT_END.lastIndex === m.index) DASH_AT_END.lastIndex++;
    let i = m.index - 1;
    if (i >= 0 && !isBreakOrSpace(text.charCodeAt(i))) continue;
    // Back to the line start over white space and dashes; a `:` before them is a mapping value.
    while (i >= 0) {
      const ch = text.charCodeAt(i);
      if (ch === 0x0a || ch === 0x0d) break;
      if (ch !== 0x20 && ch !== 0x09 && ch !== 0x2d && ch !== 0x3a) break;
      i--;
    }
    if (
      i < 0 ||
      text.charCodeAt(i) === 0x0a ||
      text.charCodeAt(i) === 0x0d ||
      text.charCodeAt(i + 1) === 0x3a
    )
      return true;
  }
  return false;
}

const FLOW_KEY = /[\]}][ \t]*:(?:[\s,\]}]|$)/;

function isBreakOrSpace(ch: number): boolean {
  return ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d;
}

// Every plain scalar gets this tag from the one implicit type below, so any other tag seen on a node was
// written in the document.
const PLAIN_TAG = 'tag:kubeward,2026:plain';

/** Thrown from the listener to stop parsing a document the fast path does not take. */
const UNSUPPORTED = new Error('document needs the full decoder');

/**
 * Returns a decoder that parses `text` with js-yaml 4, typing plain scalars with `resolvePlain`, or returns
 * undefined when the document must be decoded the original way.
 */
export function createFastDecoder(
  resolvePlain: (source: string) => unknown,
  /** First characters that can make a plain scalar anything but a string (undefined: any character can). */
  typedFirstChars?: ReadonlySet<string>,
): FastDecoder {
  let lastRaw = '';
  let merge = false;
  const plain = new Type(PLAIN_TAG, {
    kind: 'scalar',
    resolve: () => true,
    construct: (data: string) => {
      lastRaw = data;
      // A merge key is resolved by js-yaml 5 with limits and checks of its own: leave such documents to it.
      if (data === '<<') merge = true;
      if (typedFirstChars !== undefined && data !== '' && !typedFirstChars.has(data.charAt(0))) return data;
      return resolvePlain(data);
    },
  });
  // No explicit types: a tag such as `!!str` or `!Ref` is an unknown tag here and sends the document back.
  const schema = new Schema({ implicit: [plain], explicit: [] });

  // Without nodes only the checks run, and the root's start is kept for the position every resource gets.
  const decodeShallow = (text: string, maxDepth: number): FastDocument | undefined => {
    if (mayNeedNodes(text)) return decodeNodes(text, maxDepth);
    const depthLimit = Math.floor(maxDepth / 2);
    let depth = 0;
    let roots = 0;
    const root: FastNode = { open: 0, kind: null, value: null, raw: undefined, children: undefined };
    merge = false;
    const listener = (event: 'open' | 'close', state: ListenerState): void => {
      if (event === 'open') {
        if (depth >= depthLimit) throw UNSUPPORTED;
        if (depth++ === 0) root.open = state.position;
        return;
      }
      if (state.anchor !== null || (state.tag !== null && state.tag !== PLAIN_TAG) || merge)
        throw UNSUPPORTED;
      if (--depth === 0) {
        roots++;
        root.kind = state.kind;
        root.value = state.result;
      }
    };
    let docs: unknown[];
    try {
      docs = loadAll(text, null, { schema, listener });
    } catch {
      return undefined;
    }
    if (docs.length !== 1 || roots !== 1 || docs[0] == null || !Object.is(root.value, docs[0]))
      return undefined;
    return { value: docs[0], root, complete: false };
  };

  const decodeNodes = (text: string, maxDepth: number): FastDocument | undefined => {
    // js-yaml 5 counts nesting its own way (a key adds a level); half the limit leaves room for any difference,
    // and is far deeper than real manifests go.
    const depthLimit = Math.floor(maxDepth / 2);
    const stack: FastNode[] = [];
    const roots: FastNode[] = [];
    merge = false;
    const listener = (event: 'open' | 'close', state: ListenerState): void => {
      if (event === 'open') {
        if (stack.length >= depthLimit) throw UNSUPPORTED;
        stack.push({ open: state.position, kind: null, value: null, raw: undefined, children: undefined });
        return;
      }
      let node = stack.pop() as FastNode;
      if (state.anchor !== null || (state.tag !== null && state.tag !== PLAIN_TAG) || merge)
        throw UNSUPPORTED;
      node.kind = state.kind;
      node.value = state.result;
      if (state.tag === PLAIN_TAG) node.raw = lastRaw;
      const kids = node.children;
      // A block mapping is tried first wherever one may start; when none follows, the node is the one its
      // tentative first key became.
      if (kids !== undefined && kids.length === 1 && Object.is((kids[0] as FastNode).value, node.value))
        node = kids[0] as FastNode;
      const parent = stack[stack.length - 1];
      if (parent === undefined) roots.push(node);
      else if (parent.children === undefined) parent.children = [node];
      else parent.children.push(node);
    };
    let docs: unknown[];
    try {
      docs = loadAll(text, null, { schema, listener });
    } catch {
      return undefined;
    }
    const root = roots[0];
    if (docs.length !== 1 || roots.length !== 1 || root === undefined || docs[0] == null) return undefined;
    if (!Object.is(root.value, docs[0]) || !mirrors(root) || blockAfterMarker(text, root)) return undefined;
    return { value: docs[0], root, complete: true };
  };

  return (text, maxDepth, nodes) => {
    if (text.charCodeAt(0) === 0xfeff) return undefined; // js-yaml 4 strips it and shifts every offset
    if (hasEmptyItem(text)) return undefined;
    return nodes ? decodeNodes(text, maxDepth) : decodeShallow(text, maxDepth);
  };
}

/**
 * Checks that the node tree has exactly the shape of the value built alongside it, so that positions are
 * looked up in the node that produced each value (a spurious or missing node sends the document back).
 */
function mirrors(root: FastNode): boolean {
  const stack: FastNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as FastNode;
    const kids = node.children;
    if (node.kind === 'mapping') {
      if (kids === undefined) continue;
      if (kids.length % 2 !== 0) return false;
      const object = node.value as Record<string, unknown>;
      for (let i = 0; i < kids.length; i += 2) {
        const key = kids[i] as FastNode;
        const value = kids[i + 1] as FastNode;
        // js-yaml 5 refuses a collection as a key; js-yaml 4 would turn it into a string.
        if ((key.kind !== 'scalar' && key.kind !== null) || key.children !== undefined) return false;
        const name = String(key.value);
        if (!Object.prototype.hasOwnProperty.call(object, name) || !Object.is(object[name], value.value))
          return false;
        stack.push(value);
      }
      // Keys cannot repeat (js-yaml 4 refuses duplicates) and nothing else adds keys once merges are out,
      // so every property of the object has been matched to its key node.
    } else if (node.kind === 'sequence') {
      const array = node.value as unknown[];
      if ((kids?.length ?? 0) !== array.length) return false;
      for (let i = 0; i < array.length; i++) {
        const item = (kids as FastNode[])[i] as FastNode;
        if (!Object.is(array[i], item.value)) return false;
        stack.push(item);
      }
    } else if (kids !== undefined) {
      return false;
    }
  }
  return true;
}

// js-yaml 4 reads `--- key: value` as a mapping; js-yaml 5 (like the YAML spec) refuses a block collection
// on the marker's line.
function blockAfterMarker(text: string, root: FastNode): boolean {
  if (root.kind === 'scalar') return false;
  const at = skipSeparation(text, root.open);
  const ch = text.charCodeAt(at);
  if (ch === 0x5b || ch === 0x7b) return false;
  const lineStart = Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1)) + 1;
  return text.startsWith('---', lineStart) && lineStart + 3 <= at;
}

// Offsets as js-yaml 5's events give them, so that every line and column stays what it was.

function skipSeparation(text: string, from: number): number {
  let i = from;
  for (;;) {
    const ch = text.charCodeAt(i);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) i++;
    else if (ch === 0x23) {
      // A comment (only reachable after white space or at a line start) runs to the end of its line.
      while (i < text.length && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
    } else return i;
  }
}

/**
 * Offset of a node as js-yaml 5 reports it: the first character of a plain scalar, the character after the
 * opening quote, the line after a block scalar's header, the first key of a block mapping, the `-` of a block
 * sequence, the bracket of a flow collection, and -1 for an empty node.
 */
export function fastNodeOffset(text: string, node: FastNode): number {
  if (node.kind === null) return -1;
  const at = skipSeparation(text, node.open);
  if (node.kind !== 'scalar') return at;
  const ch = text.charCodeAt(at);
  if (ch === 0x27 || ch === 0x22) return at + 1;
  if (ch === 0x7c || ch === 0x3e) {
    for (let i = at; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) return i + 1;
      if (c === 0x0d) return text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
    }
    return text.length;
  }
  return at;
}

/** The text a key was written as: what js-yaml 5 reported for it, and what pointers are matched against. */
export function fastKeyText(node: FastNode): string {
  if (node.kind === null) return '';
  return node.raw ?? String(node.value);
}
