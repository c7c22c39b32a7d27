import { labelValue, type Labels } from './label-selector.js';

/** What a Calico selector is evaluated against: an endpoint's labels, and whether it is namespaced. */
export interface SelectorSubject {
  labels: Labels;
  /** Global (non-namespaced) endpoints: network sets and host endpoints; `global()` matches only those. */
  global?: boolean;
}

/** A compiled Calico selector expression. */
export interface CalicoSelector {
  readonly source: string;
  /** True for `all()` (and for the empty selector where it defaults to `all()`). */
  readonly isAll: boolean;
  matches(subject: SelectorSubject): boolean;
}

/** A syntax error in a selector, with the 1-based column inside the expression. */
export class SelectorSyntaxError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
    this.name = 'SelectorSyntaxError';
  }
}

type Token =
  | { type: 'str'; value: string; at: number }
  | { type: 'word'; value: string; at: number }
  | { type: 'op'; value: string; at: number }
  | { type: 'end'; at: number };

const WORD = /[A-Za-z0-9_./-]/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close === -1) throw new SelectorSyntaxError(`unterminated string starting with ${c}`, i + 1);
      tokens.push({ type: 'str', value: text.slice(i + 1, close), at: i });
      i = close + 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '&&' || two === '||') {
      tokens.push({ type: 'op', value: two, at: i });
      i += 2;
      continue;
    }
    if ('!(){},'.includes(c)) {
      tokens.push({ type: 'op', value: c, at: i });
      i++;
      continue;
    }
    if (WORD.test(c)) {
      let j = i;
      while (j < text.length && WORD.test(text[j] as string)) j++;
      tokens.push({ type: 'word', value: text.slice(i, j), at: i });
      i = j;
      continue;
    }
    throw new SelectorSyntaxError(`unexpected character ${JSON.stringify(c)}`, i + 1);
  }
  tokens.push({ type: 'end', at: text.length });
  return tokens;
}

type Node = (s: SelectorSubject) => boolean;

/**
 * Deepest parenthesis nesting a selector may use. Real selectors nest a few levels; the bound keeps parsing
 * and evaluation (both recursive per level) far from the stack limit whatever the input.
 */
export const MAX_SELECTOR_DEPTH = 100;

/**
 * Parses a Calico selector (`==`, `!=`, `in {…}`, `not in {…}`, `has()`, `all()`, `global()`, `contains`,
 * `starts with`, `ends with`, `!`, `&&`, `||`, parentheses). Precedence from tightest: match operators,
 * parentheses, `!`, `&&`, `||`. Throws {@link SelectorSyntaxError} with a column on bad input, including
 * parentheses nested deeper than {@link MAX_SELECTOR_DEPTH}.
 */
export function parseCalicoSelector(text: string): CalicoSelector {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token => tokens[pos] as Token;
  const next = (): Token => tokens[pos++] as Token;
  const describe = (t: Token): string =>
    t.type === 'end' ? 'end of selector' : t.type === 'str' ? `string '${t.value}'` : `"${t.value}"`;
  const fail = (what: string, t: Token): never => {
    throw new SelectorSyntaxError(`expected ${what} but found ${describe(t)}`, t.at + 1);
  };
  const expectOp = (value: string): void => {
    const t = next();
    if (t.type !== 'op' || t.value !== value) fail(`"${value}"`, t);
  };
  const expectString = (): string => {
    const t = next();
    if (t.type !== 'str') fail('a quoted string', t);
    return (t as { value: string }).value;
  };
  const stringSet = (): string[] => {
    expectOp('{');
    const values: string[] = [];
    if (peek().type === 'op' && (peek() as { value: string }).value === '}') {
      next();
      return values;
    }
    for (;;) {
      values.push(expectString());
      const t = next();
      if (t.type === 'op' && t.value === '}') return values;
      if (!(t.type === 'op' && t.value === ',')) fail('"," or "}"', t);
    }
  };
  let allOnly = true;
  let depth = 0;

  const primary = (): Node => {
    const t = next();
    if (t.type === 'op' && t.value === '(') {
      // Parentheses are the only construct that recurses; bound it so hostile input is a syntax error.
      if (++depth > MAX_SELECTOR_DEPTH)
        throw new SelectorSyntaxError(
          `parentheses nested deeper than ${MAX_SELECTOR_DEPTH} levels`,
          t.at + 1,
        );
      const inner = or();
      expectOp(')');
      depth--;
      return inner;
    }
    if (t.type !== 'word') return fail('a label name, has(), all() or "("', t);
    const word = t.value;
    const after = peek();
    const isCall = after.type === 'op' && after.value === '(';
    if (isCall && (word === 'all' || word === 'global')) {
      next();
      expectOp(')');
      if (word === 'all') return () => true;
      allOnly = false;
      return (s) => s.global === true;
    }
    allOnly = false;
    if (isCall && word === 'has') {
      next();
      const key = next();
      if (key.type !== 'word') fail('a label name', key);
      expectOp(')');
      const k = (key as { value: string }).value;
      return (s) => labelValue(s.labels, k) !== undefined;
    }
    const key = word;
    const op = next();
    if (op.type === 'op' && (op.value === '==' || op.value === '!=')) {
      const value = expectString();
      return op.value === '=='
        ? (s) => labelValue(s.labels, key) === value
        : (s) => labelValue(s.labels, key) !== value;
    }
    if (op.type === 'word') {
      switch (op.value) {
        case 'in': {
          // A Set: a hostile list of a million values must not cost a million steps per endpoint.
          const values = new Set(stringSet());
          return (s) => {
            const v = labelValue(s.labels, key);
            return v !== undefined && values.has(v);
          };
        }
        case 'not': {
          const t2 = next();
          if (t2.type !== 'word' || t2.value !== 'in') fail('"in" after "not"', t2);
          const values = new Set(stringSet());
          return (s) => {
            const v = labelValue(s.labels, key);
            return v === undefined || !values.has(v);
          };
        }
        case 'contains': {
          const value = expectString();
          return (s) => labelValue(s.labels, key)?.includes(value) === true;
        }
        case 'starts':
        case 'ends': {
          const w = next();
          if (w.type !== 'word' || w.value !== 'with') fail(`"with" after "${op.value}"`, w);
          const value = expectString();
          return op.value === 'starts'
            ? (s) => labelValue(s.labels, key)?.startsWith(value) === true
            : (s) => labelValue(s.labels, key)?.endsWith(value) === true;
        }
      }
    }
    return fail(`an operator (==, !=, in, not in, contains, starts with, ends with) after "${key}"`, op);
  };
  const unary = (): Node => {
    // A run of `!` is read in a loop and folded by parity, so that `!!!…` cannot exhaust the stack.
    let negations = 0;
    for (let t = peek(); t.type === 'op' && t.value === '!'; t = peek()) {
      next();
      negations++;
    }
    if (negations > 0) allOnly = false;
    const inner = primary();
    return negations % 2 === 1 ? (s) => !inner(s) : inner;
  };
  // `&&` and `||` chains are kept as flat lists evaluated in a loop: a left-nested closure per operator
  // would make evaluation recurse once per term.
  const and = (): Node => {
    const terms = [unary()];
    while (peek().type === 'op' && (peek() as { value: string }).value === '&&') {
      next();
      terms.push(unary());
    }
    if (terms.length === 1) return terms[0] as Node;
    return (s) => {
      for (const term of terms) if (!term(s)) return false;
      return true;
    };
  };
  const or = (): Node => {
    const terms = [and()];
    while (peek().type === 'op' && (peek() as { value: string }).value === '||') {
      next();
      terms.push(and());
    }
    if (terms.length === 1) return terms[0] as Node;
    return (s) => {
      for (const term of terms) if (term(s)) return true;
      return false;
    };
  };
  if (peek().type === 'end') return { source: text, isAll: true, matches: () => true };
  const root = or();
  if (peek().type !== 'end') fail('"&&", "||" or end of selector', peek());
  return { source: text, isAll: allOnly, matches: root };
}
