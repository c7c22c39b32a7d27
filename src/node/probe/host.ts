import { lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { readTextFile } from '../../load/read-file.js';
import type { FileFacts } from '../facts.js';

/** Node config files (kubelet, kube-proxy, unit files, manifests) are far below this; a larger one is refused. */
export const MAX_TEXT_BYTES = 4 * 1024 * 1024;

/**
 * Read-only view of a node's filesystem: the live root (`/`) or a host root mounted elsewhere
 * (`--root /host`). Paths given to and returned by it are node paths; symbolic links are resolved inside the
 * root, so an absolute link in a mounted host never escapes into the container's own filesystem.
 */
export class HostFs {
  readonly root: string;
  private readonly users = new Map<number, string>();
  private readonly groups = new Map<number, string>();
  /** Account names from the node's /etc/passwd, or null when it could not be read. */
  readonly userNames: string[] | null;

  constructor(root: string) {
    this.root = root === '/' ? '' : root.replace(/\/+$/, '');
    this.userNames = this.readIds('/etc/passwd', this.users);
    this.readIds('/etc/group', this.groups);
  }

  private readIds(path: string, into: Map<number, string>): string[] | null {
    const text = this.readText(path);
    if (typeof text !== 'string') return null;
    const names: string[] = [];
    for (const line of text.split('\n')) {
      const [name, , id] = line.split(':');
      if (name && id !== undefined && /^\d+$/.test(id)) {
        names.push(name);
        if (!into.has(Number(id))) into.set(Number(id), name);
      }
    }
    return [...new Set(names)].sort();
  }

  /** The real path on this machine of a node path, following symbolic links inside the root. */
  resolve(path: string): string {
    let parts = posix.normalize(path).split('/').filter(Boolean);
    let done: string[] = [];
    for (let hops = 0; parts.length > 0;) {
      const next = parts.shift() as string;
      if (next === '..') {
        done.pop();
        continue;
      }
      const candidate = `${this.root}/${[...done, next].join('/')}`;
      let target: string | null = null;
      try {
        if (lstatSync(candidate).isSymbolicLink()) target = readlinkSync(candidate);
      } catch {
        // Missing or unreadable: stop resolving; the caller's stat reports the error.
      }
      if (target === null) {
        done.push(next);
        continue;
      }
      if (++hops > 40) break;
      if (target.startsWith('/')) done = [];
      parts = [...target.split('/').filter(Boolean), ...parts];
    }
    return `${this.root}/${done.join('/')}`;
  }

  /** Mode, owner and group of a node path (following links), or why it could not be read. */
  stat(path: string): FileFacts {
    try {
      const s = statSync(this.resolve(path));
      const facts: FileFacts = {
        type: s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other',
        mode: (s.mode & 0o7777).toString(8).padStart(3, '0'),
        uid: s.uid,
        gid: s.gid,
      };
      const user = this.users.get(s.uid);
      const group = this.groups.get(s.gid);
      if (user !== undefined) facts.user = user;
      if (group !== undefined) facts.group = group;
      return facts;
    } catch (error) {
      return errorFacts(error);
    }
  }

  /**
   * A file's text, or the error that prevented reading it. Read through the project's one file reader: a
   * node tree can hold FIFOs, devices or huge files where a config is expected, and those are refused with
   * the reason instead of blocking or filling memory.
   */
  readText(path: string, maxBytes: number = MAX_TEXT_BYTES): string | { error: string; missing: boolean } {
    const read = readTextFile(this.resolve(path), { maxBytes });
    if (read.ok) return read.text;
    return { error: read.message, missing: read.code === 'input/not-found' };
  }

  /** Entry names of a directory, sorted; empty when it cannot be listed. */
  list(path: string): string[] {
    try {
      return readdirSync(this.resolve(path)).sort();
    } catch {
      return [];
    }
  }

  /** True when the node path exists (after following links). */
  exists(path: string): boolean {
    const t = this.stat(path).type;
    return t !== 'missing' && t !== 'unreadable';
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  // The message holds the machine path (with the mount prefix); the code and syscall are enough.
  return e.code ? `${e.code}: ${describeCode(e.code)}` : String(error);
}

function describeCode(code: string): string {
  switch (code) {
    case 'EACCES':
      return 'permission denied';
    case 'EPERM':
      return 'operation not permitted';
    case 'ENOENT':
      return 'no such file or directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return 'cannot read';
  }
}

function errorFacts(error: unknown): FileFacts {
  if (isMissing(error)) return { type: 'missing' };
  return { type: 'unreadable', error: errorText(error) };
}
