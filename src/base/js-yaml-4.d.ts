// The parts of js-yaml 4.1 (installed under the alias `js-yaml-4`) that the fast loader uses. The package
// ships no types, and @types/js-yaml does not describe the listener's parser state.
declare module 'js-yaml-4' {
  /** The parser state the listener sees: `position` on open, the node's kind, tag, anchor and value on close. */
  export interface ListenerState {
    position: number;
    kind: 'scalar' | 'sequence' | 'mapping' | null;
    tag: string | null;
    anchor: string | null;
    result: unknown;
  }
  export interface LoadOptions {
    schema?: Schema;
    json?: boolean;
    listener?: (event: 'open' | 'close', state: ListenerState) => void;
  }
  export class Type {
    constructor(
      tag: string,
      options: {
        kind: 'scalar';
        resolve?: (data: string) => boolean;
        construct?: (data: string) => unknown;
      },
    );
  }
  export class Schema {
    constructor(definition: { implicit?: Type[]; explicit?: Type[] });
  }
  export function loadAll(input: string, iterator?: null, options?: LoadOptions): unknown[];
}
