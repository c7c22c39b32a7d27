import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** A Kubernetes version as gitVersion prints it: `v1.32.3`, `v1.32.3+k3s1`, `v1.33.4-eks-5d4a308`. */
export const VERSION_RE = /v1\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*[0-9A-Za-z])?/;

/** Kubernetes binaries are around 100 MB; the scan stops here rather than read a huge file to the end. */
export const MAX_BINARY_SCAN_BYTES = 512 * 1024 * 1024;

const CHUNK = 1024 * 1024;
// Longest key kept before `=` plus the longest version after it; chunks overlap by this much so that a
// string split across two reads is still found.
const OVERLAP = 512;
const NEEDLE = Buffer.from('Version=v1.', 'latin1');
const KEY_CHAR = /[A-Za-z0-9_./-]/;

/** The version string a binary embeds, or why none was found. */
export type BinaryVersion =
  { ok: true; version: string; key: string } | { ok: false; reason: string; missing: boolean };

/**
 * Finds the Kubernetes version a Go binary embeds, by reading its bytes; the binary is never run. Kubernetes
 * builds set the version with `-X 'k8s.io/component-base/version.gitVersion=v1.32.3'` (k3s and RKE2 also
 * with `…/pkg/version.Version=`), and Go records those linker flags in the binary's build information,
 * so the text `…version.gitVersion=v1.32.3` is in the file. Only that key=value form is accepted: bare
 * `v1.x.y` strings are the versions of any dependency.
 *
 * The file is opened non-blocking and must be a regular file (checked on the open descriptor, so a FIFO or
 * device is refused without blocking), and is read in chunks up to `maxBytes`, so memory stays bounded.
 */
export function scanBinaryVersion(path: string, maxBytes = MAX_BINARY_SCAN_BYTES): BinaryVersion {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'no such file', missing: true };
    return { ok: false, reason: `cannot open (${code ?? String(error)})`, missing: false };
  }
  try {
    if (!fstatSync(fd).isFile()) return { ok: false, reason: 'not a regular file; not read', missing: false };
    const buffer = Buffer.alloc(CHUNK + OVERLAP);
    let kept = 0;
    let total = 0;
    for (;;) {
      const want = Math.min(CHUNK, maxBytes - total);
      if (want <= 0)
        return { ok: false, reason: `no embedded version in its first ${maxBytes} bytes`, missing: false };
      const read = readSync(fd, buffer, kept, want, null);
      if (read === 0) return { ok: false, reason: 'no embedded version string', missing: false };
      total += read;
      const end = kept + read;
      const found = findVersion(buffer.subarray(0, end));
      if (found) return { ok: true, ...found };
      kept = Math.min(OVERLAP, end);
      buffer.copyWithin(0, end - kept, end);
    }
  } catch (error) {
    return {
      ok: false,
      reason: `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      missing: false,
    };
  } finally {
    closeSync(fd);
  }
}

function findVersion(bytes: Buffer): { version: string; key: string } | undefined {
  for (let at = bytes.indexOf(NEEDLE); at !== -1; at = bytes.indexOf(NEEDLE, at + 1)) {
    const eq = at + 'Version'.length;
    let start = at;
    while (start > 0 && eq - start < 200 && KEY_CHAR.test(String.fromCharCode(bytes[start - 1] as number)))
      start--;
    const key = bytes.toString('latin1', start, eq);
    if (!/(^|[./])gitVersion$/.test(key) && !/(^|\/)version\.Version$/.test(key)) continue;
    const value = VERSION_RE.exec(bytes.toString('latin1', eq + 1, Math.min(bytes.length, eq + 1 + 120)));
    // The version must start right after `=`; one that reaches the end of the buffer may continue in the
    // next chunk, where the overlap finds it again whole.
    const stop = value ? eq + 1 + value[0].length : -1;
    if (value && value.index === 0 && stop < bytes.length) return { version: value[0], key };
  }
  return undefined;
}

/**
 * The version of an installed Debian package from `/var/lib/dpkg/status` (`Version: 1.32.3-1.1` → `v1.32.3`),
 * or undefined when the package is not installed. RPM databases are binary and not read.
 */
export function dpkgVersion(status: string, pkg: string): { version: string; raw: string } | undefined {
  for (const stanza of status.split(/\n\s*\n/)) {
    const field = (name: string): string | undefined =>
      new RegExp(`^${name}:[ \\t]*(.*)$`, 'm').exec(stanza)?.[1]?.trim();
    if (field('Package') !== pkg) continue;
    if (!/\binstalled\b/.test(field('Status') ?? '') || /not-installed/.test(field('Status') ?? '')) continue;
    const raw = field('Version');
    // An epoch (`1:1.32.3-1.1`) is dropped; the upstream part is the Kubernetes version.
    const m = raw === undefined ? null : /^(?:\d+:)?(1\.\d+\.\d+)/.exec(raw);
    if (m && raw !== undefined) return { version: `v${m[1]}`, raw };
  }
  return undefined;
}
