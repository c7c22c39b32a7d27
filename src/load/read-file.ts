import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { decodeText } from '../base/text.js';

/** Why a file could not be read; the codes are the loader's problem codes. */
export type FileReadFailure = {
  ok: false;
  code: 'input/not-found' | 'input/unreadable' | 'input/too-large';
  message: string;
};

/** The bytes of a regular file, or why they could not be had. */
export type FileReadOutcome = { ok: true; bytes: Buffer } | FileReadFailure;

/** How {@link readRegularFile} reads. */
export interface ReadFileOptions {
  /** Refuse files larger than this many bytes (counted while reading, so a growing file is caught too). */
  maxBytes: number;
  /** What sets the limit, named in the message (for example `--max-file-size`). */
  limitName?: string;
}

const CHUNK = 64 * 1024;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * Reads a file only if it is a regular file of at most `maxBytes` bytes. Every file kubeward reads (inputs,
 * kustomizations, configs, facts, node trees) goes through here, so that a path in an untrusted tree cannot
 * make it block on a FIFO, read a device without end or fill memory.
 *
 * The file is opened non-blocking (opening a FIFO for reading would otherwise wait for a writer) and its type
 * is checked on the open descriptor, not on the path, so that the path cannot be swapped between the check and
 * the read. Symbolic links are followed to their target, which must itself be a regular file. The size is
 * counted while reading, because files such as those under `/proc` report a size of 0.
 */
export function readRegularFile(path: string, options: ReadFileOptions): FileReadOutcome {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return { ok: false, code: 'input/not-found', message: 'no such file or directory' };
    return { ok: false, code: 'input/unreadable', message: `cannot read file: ${errnoText(error)}` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      return {
        ok: false,
        code: 'input/unreadable',
        message: `${kindOf(stats)}, not a regular file; not read`,
      };
    }
    if (stats.size > options.maxBytes) return tooLarge(stats.size, options);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, options.maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > options.maxBytes) return tooLarge(undefined, options);
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    }
    return { ok: true, bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total) };
  } catch (error) {
    return { ok: false, code: 'input/unreadable', message: `cannot read file: ${errnoText(error)}` };
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number | undefined, options: ReadFileOptions): FileReadFailure {
  const what = size === undefined ? `file is over` : `file is ${size} bytes, over`;
  const by = options.limitName ? ` (${options.limitName})` : '';
  return {
    ok: false,
    code: 'input/too-large',
    message: `${what} the ${options.maxBytes}-byte limit${by}; not read`,
  };
}

/** The system's reason without the path Node repeats in its messages (the caller names the file). */
function errnoText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (typeof e.code === 'string') {
    const reason = e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
    return `${reason} (${e.code})`;
  }
  return String(e.message ?? error);
}

/** The text of a regular file, or why it could not be had. */
export type TextReadOutcome =
  | { ok: true; text: string }
  | { ok: false; code: FileReadFailure['code'] | 'input/binary' | 'input/encoding'; message: string };

/**
 * Reads a regular file as {@link readRegularFile} does and decodes it as the loader decodes manifests
 * (UTF-8, or UTF-16 with a byte-order mark; binary data and invalid UTF-8 refused).
 */
export function readTextFile(path: string, options: ReadFileOptions): TextReadOutcome {
  const read = readRegularFile(path, options);
  if (!read.ok) return read;
  const decoded = decodeText(read.bytes);
  return decoded.ok ? decoded : { ok: false, code: decoded.code, message: decoded.message };
}
