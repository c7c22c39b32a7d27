import { readdirSync, readlinkSync } from 'node:fs';
import { posix } from 'node:path';
import { readRegularFile } from '../../load/read-file.js';
import type { ProcessFacts } from '../facts.js';
import type { HostFs } from './host.js';

/** One entry of the process table, as far as it could be read. */
export interface Proc {
  pid: number;
  argv: string[];
  /** Real and effective uid from /proc/PID/status, or null when it could not be read. */
  uid: number | null;
  euid: number | null;
  ppid: number | null;
  /** The kernel's name of the process (`Name:` in status), which the process cannot set through argv. */
  name: string | null;
  /** Node path of the executable (the /proc/PID/exe link), or null when the link could not be read. */
  exe: string | null;
  /** Why `exe` is null. */
  exeError?: string;
}

// A command line or status file is a few KiB; anything near this is not a process entry.
const MAX_PROC_FILE = 4 * 1024 * 1024;

/** Command lines of every process (pid order); the rest of a process is read only for candidates. */
export function readCommandLines(procDir: string): { pid: number; argv: string[] }[] {
  let entries: string[];
  try {
    entries = readdirSync(procDir).filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const out: { pid: number; argv: string[] }[] = [];
  for (const e of entries) {
    // A process that exited, or a non-regular file planted in a node tree, is not a component.
    const read = readRegularFile(`${procDir}/${e}/cmdline`, { maxBytes: MAX_PROC_FILE });
    if (!read.ok) continue;
    const argv = read.bytes.toString('utf8').split('\0');
    if (argv.at(-1) === '') argv.pop();
    if (argv.length > 0 && argv[0] !== '') out.push({ pid: Number(e), argv });
  }
  return out.sort((a, b) => a.pid - b.pid);
}

/** Reads the owner, parent and executable of a process. */
export function readProcess(procDir: string, pid: number, argv: string[]): Proc {
  const p: Proc = { pid, argv, uid: null, euid: null, ppid: null, name: null, exe: null };
  const status = readStatus(procDir, pid);
  if (status) {
    const uids = /^Uid:\s+(\d+)\s+(\d+)/m.exec(status);
    if (uids) {
      p.uid = Number(uids[1]);
      p.euid = Number(uids[2]);
    }
    const ppid = /^PPid:\s+(\d+)/m.exec(status);
    if (ppid) p.ppid = Number(ppid[1]);
    const name = /^Name:\s*(.*)$/m.exec(status);
    if (name) p.name = (name[1] as string).trim();
  }
  try {
    // Read the link, never follow it: in a mounted tree it is an ordinary symlink to a node path.
    p.exe = readlinkSync(`${procDir}/${pid}/exe`).replace(/ \(deleted\)$/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    p.exeError = `/proc/${pid}/exe could not be read (${code ?? 'error'})`;
  }
  return p;
}

function readStatus(procDir: string, pid: number): string | null {
  const read = readRegularFile(`${procDir}/${pid}/status`, { maxBytes: MAX_PROC_FILE });
  return read.ok ? read.bytes.toString('utf8') : null;
}

/** The name of a process's parent, for the preference of {@link judgeProcess}. */
function parentName(procDir: string, ppid: number): string | null {
  const status = readStatus(procDir, ppid);
  const name = status === null ? null : /^Name:\s*(.*)$/m.exec(status)?.[1];
  return name === undefined || name === null ? null : name.trim();
}

/** Whether a candidate may be used as a component, and whether it is a preferred one. */
export interface Judgement {
  accepted: boolean;
  preferred: boolean;
  /** Why, in words, for the facts. */
  reason: string;
}

// Parents that start Kubernetes components: init/systemd for services, the container runtime's shims for
// static pods and DaemonSets, and the k3s/rke2 supervisors for the components they launch.
const PARENTS = /^(systemd|init|containerd-shim.*|conmon|crio|k3s|k3s-server|k3s-agent|rke2)$/;

/**
 * Decides whether a process that looks like a Kubernetes component (by its command line, which any user
 * can choose: `exec -a kubelet`) is one. Rejected: a process not running as root (any local user can start
 * a process named `kubelet`, and its flags must not be taken for the kubelet's), and one whose executable
 * is world-writable or lies under a world-writable directory (`/tmp`). Preferred among the rest: a parent
 * that is init, systemd, a container runtime shim or the k3s/RKE2 supervisor.
 */
export function judgeProcess(fs: HostFs, procDir: string, p: Proc): Judgement {
  const reject = (why: string): Judgement => ({ accepted: false, preferred: false, reason: why });
  if (p.uid === null || p.euid === null)
    return reject(`its owner is unknown (/proc/${p.pid}/status could not be read)`);
  if (p.uid !== 0 || p.euid !== 0)
    return reject(
      `runs as uid ${p.uid !== 0 ? p.uid : p.euid}, not root: any local user can start a process with this name`,
    );
  const exe = p.exe ?? (p.argv[0]?.startsWith('/') ? posix.normalize(p.argv[0]) : null);
  const what = p.exe !== null ? 'its executable' : 'its argv[0]';
  if (exe !== null) {
    const writable = worldWritable(fs, exe);
    if (writable !== null) return reject(`${what} ${exe} ${writable}`);
  }
  const parts = [
    `runs as root`,
    p.exe !== null ? `executable ${p.exe}` : (p.exeError ?? 'executable unknown'),
  ];
  let preferred = false;
  if (p.ppid === 1) {
    preferred = true;
    parts.push('parent is process 1');
  } else if (p.ppid !== null) {
    const parent = parentName(procDir, p.ppid);
    preferred = parent !== null && PARENTS.test(parent);
    parts.push(
      preferred
        ? `parent is process ${p.ppid} (${parent})`
        : `parent process ${p.ppid}${parent !== null ? ` (${parent})` : ''} is not init, systemd, a container shim or k3s/rke2`,
    );
  } else parts.push('parent unknown');
  return { accepted: true, preferred, reason: parts.join(', ') };
}

/** Why a path is writable by any user (itself or a directory above it), or null when it is not. */
function worldWritable(fs: HostFs, path: string): string | null {
  const self = fs.stat(path);
  if (self.mode !== undefined && (parseInt(self.mode, 8) & 0o002) !== 0)
    return `is world-writable (mode ${self.mode})`;
  for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
    const meta = fs.stat(dir);
    if (meta.mode !== undefined && (parseInt(meta.mode, 8) & 0o002) !== 0)
      return `is in the world-writable directory ${dir} (mode ${meta.mode})`;
    if (dir === '/') return null;
  }
}

/**
 * Picks one process per component among the candidates: accepted ones only, preferred ones first, then the
 * lowest pid. Every candidate gets a {@link ProcessFacts} entry saying what became of it and why.
 */
export function choose<T extends { proc: Proc; judgement: Judgement }>(
  component: string,
  candidates: T[],
  record: (facts: ProcessFacts) => void,
): T | undefined {
  const accepted = candidates.filter((c) => c.judgement.accepted);
  const chosen = accepted.find((c) => c.judgement.preferred) ?? accepted[0];
  for (const c of candidates) {
    const base = { pid: c.proc.pid, component };
    if (c === chosen) record({ ...base, verdict: 'chosen', reason: c.judgement.reason });
    else if (c.judgement.accepted)
      record({
        ...base,
        verdict: 'not chosen',
        reason: `${c.judgement.reason}; process ${chosen?.proc.pid} was preferred`,
      });
    else record({ ...base, verdict: 'rejected', reason: c.judgement.reason });
  }
  return chosen;
}
