/** One YAML document's text cut out of a file, with the line where it starts. */
export interface DocumentChunk {
  text: string;
  /** 0-based line in the file of the chunk's first line. */
  startLine: number;
}

// A document marker is `---` or `...` at column 0 followed by white space or the end of the line. The YAML
// spec forbids such a line inside any node (c-forbidden), so splitting on it never cuts through content,
// and a syntax error in one document does not cost the others.
const MARKER = /^(?:---|\.\.\.)(?:[ \t].*)?$/;

/** Splits a YAML stream into its documents without parsing it. */
export function splitDocuments(text: string): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  let pos = 0;
  const flush = (end: number, nextStart: number, nextLine: number): void => {
    chunks.push({ text: text.slice(start, end), startLine });
    start = nextStart;
    startLine = nextLine;
  };
  while (pos <= text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = text.length;
    const first = text.charCodeAt(pos);
    // Cheap pre-check before the regex: only lines starting with '-' or '.' can be markers.
    if ((first === 45 || first === 46) && MARKER.test(text.slice(pos, eol).replace(/\r$/, ''))) {
      if (first === 45) {
        // `---` opens a new document on this line.
        if (pos > start) flush(pos, pos, line);
        else startLine = line;
      } else {
        // `...` closes the current document, marker included.
        flush(eol, eol + 1, line + 1);
      }
    }
    pos = eol + 1;
    line++;
  }
  if (start < text.length) chunks.push({ text: text.slice(start), startLine });
  return chunks;
}

/** True when the chunk holds nothing but comments, blank lines, directives and document markers. */
export function isBlankChunk(text: string): boolean {
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = text.length;
    // Only the first lines are looked at in the common case: a document's first content line ends the scan.
    const line = text.slice(pos, eol).trim();
    pos = eol + 1;
    if (line === '' || line.startsWith('#') || line.startsWith('%') || line === '---' || line === '...')
      continue;
    if (/^---[ \t]+#/.test(line)) continue;
    return false;
  }
  return true;
}
