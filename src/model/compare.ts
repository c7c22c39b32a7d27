/**
 * Plain code-unit order for strings (and numeric order for numbers). `localeCompare` depends on the machine's
 * locale and ICU data, and every report must be byte-identical everywhere; for strings this is also the
 * byte order of Go's `sort.Strings` that the API server uses, except between astral and high-BMP characters.
 */
export function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
