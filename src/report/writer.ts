/**
 * Where a reporter writes its output, one chunk at a time. Reporters write as they go instead of building
 * one string, so a report may be larger than the longest string V8 can hold (about 512 MiB) and its memory
 * is the scan result's, not the scan result's plus the whole text.
 */
export interface ReportWriter {
  /** Appends `chunk` to the output. */
  write(chunk: string): void;
}

/** A {@link ReportWriter} that keeps the chunks, for callers that want the report as one string. */
export class StringWriter implements ReportWriter {
  private readonly chunks: string[] = [];

  write(chunk: string): void {
    this.chunks.push(chunk);
  }

  /** Everything written so far. */
  toString(): string {
    return this.chunks.join('');
  }
}

/** Runs `produce` with a {@link StringWriter} and returns what it wrote. */
export function collectOutput(produce: (out: ReportWriter) => void): string {
  const out = new StringWriter();
  produce(out);
  return out.toString();
}

/**
 * Writes `value` as `JSON.stringify(value, null, 2)` would lay it out at nesting `depth` (2 spaces per
 * level), without the leading indentation of its first line. JSON strings never hold a raw newline, so
 * re-indenting after each newline is exact.
 */
export function jsonAt(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2);
  return depth === 0 ? text : text.replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/**
 * Writes `items` as a JSON array member value laid out like `JSON.stringify(…, null, 2)` at nesting
 * `depth` (the depth of the member that holds the array), one item at a time: `[]` when empty.
 */
export function writeJsonArray<T>(
  out: ReportWriter,
  items: Iterable<T>,
  depth: number,
  toJson: (item: T) => unknown = (item) => item,
): void {
  const pad = '  '.repeat(depth + 1);
  let first = true;
  for (const item of items) {
    out.write(`${first ? '[\n' : ',\n'}${pad}${jsonAt(toJson(item), depth + 1)}`);
    first = false;
  }
  out.write(first ? '[]' : `\n${'  '.repeat(depth)}]`);
}
