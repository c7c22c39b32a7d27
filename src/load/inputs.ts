import { type Dirent, existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { JsonValue, Problem, Resource } from '../model/types.js';
import { loadText, type TextOrigin } from './documents.js';
import {
  commandLineSecrets,
  DEFAULT_RENDER_TIMEOUT_MS,
  helmBinary,
  helmSourceRedirect,
  helmTemplateArgs,
  kustomizeCommand,
  runRenderer,
  sortSecrets,
  textSecrets,
  withIsolatedHelmEnvironment,
} from './render.js';
import { checkHelmChart, checkKustomization, KUSTOMIZATION_FILES } from './render-check.js';
import { readTextFile } from './read-file.js';
import { readRegularFile } from './read-file.js';
import { decodeText } from '../base/text.js';
import { decodeDocument } from '../base/yaml-document.js';
import { kubesecDocuments } from '../analysis/kubesec/documents.js';

/** How inputs are read. */
export interface LoadOptions {
  /** Files larger than this many bytes are reported and skipped. */
  maxFileSize: number;
  /** Values files passed to `helm template --values`. */
  helmValues: readonly string[];
  /** Assignments passed to `helm template --set`. */
  helmSet: readonly string[];
  /** Assignments passed to `helm template --set-string`. */
  helmSetString?: readonly string[];
  /** Assignments passed to `helm template --set-file` (`key=path`; the file's text is hidden from messages). */
  helmSetFile?: readonly string[];
  /**
   * Let renderers use the network: remote Kustomize resources and Helm dependencies missing from `charts/`
   * are not refused. Off by default: a repository could otherwise make kubeward fetch URLs of its choice.
   */
  allowRemote?: boolean;
  /** Stop a renderer (and every process it started) after this many milliseconds (default 120 s). */
  renderTimeoutMs?: number;
  /** Explicit helm binary (otherwise `$KUBEWARD_HELM`, then PATH). */
  helmBinary?: string;
  /** Explicit kustomize or kubectl binary (otherwise `$KUBEWARD_KUSTOMIZE`, then PATH). */
  kustomizeBinary?: string;
  /**
   * Standard input as a stream of chunks (the CLI passes `process.stdin`). It is read only up to
   * `maxFileSize`, so an endless pipe cannot fill memory.
   */
  stdin?: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /**
   * Follow symbolic links whose target lies outside the directory (or glob base) named on the command line.
   * Off by default: a repository could otherwise link `/` or a neighbouring tree into the scan.
   */
  followSymlinksOutside?: boolean;
  /**
   * Called with every document of every input as kubesec v2 splits and decodes it (see
   * `kubesecDocuments`), with the file it came from, for kubesec output.
   */
  onDocument?: (value: JsonValue, file: string) => void;
}

/** Default load options. */
export const DEFAULT_LOAD_OPTIONS: LoadOptions = {
  maxFileSize: 16 * 1024 * 1024,
  helmValues: [],
  helmSet: [],
};

/** What one input unit (a file, stdin, or a rendered chart or kustomization) produced. */
export interface LoadedUnit {
  file: string;
  resources: Resource[];
  problems: Problem[];
  documents: number;
}

const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i;
const GLOB_CHARS = /[*?[\]{}]/;

function displayPath(p: string): string {
  return p.split(sep).join('/');
}

function unitProblem(file: string, code: Problem['code'], message: string, line = 1, column = 1): LoadedUnit {
  return {
    file,
    resources: [],
    problems: [{ code, level: 'error', message, location: { file, line, column } }],
    documents: 0,
  };
}

function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** One thing to read, found by expanding the user's paths. */
type PlannedInput =
  | { type: 'stdin' }
  | { type: 'file'; path: string }
  | { type: 'chart'; dir: string }
  | { type: 'kustomization'; dir: string }
  | MissingInput;

/** An input that is reported instead of read. */
interface MissingInput {
  type: 'missing';
  path: string;
  message: string;
  level?: 'warning';
  code?: Problem['code'];
}

/** Kustomization fields that name patch files (partial objects, not resources of their own). */
function kustomizePatchFiles(dir: string, file: string, maxFileSize: number): string[] {
  // Read like any other input: a kustomization in an untrusted tree may be a FIFO, a device or a bomb.
  const read = readRegularFile(join(dir, file), { maxBytes: maxFileSize });
  if (!read.ok) return [];
  const text = decodeText(read.bytes);
  if (!text.ok) return [];
  let doc: unknown;
  try {
    doc = decodeDocument(text.text, { maxDepth: 100, maxExpandedNodes: text.text.length + 10_000 }).value;
  } catch {
    return [];
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return [];
  const k = doc as Record<string, unknown>;
  const paths: string[] = [];
  const add = (value: unknown): void => {
    // An inline patch is a multi-line string; a file reference is a single line.
    if (typeof value === 'string' && !value.includes('\n')) paths.push(resolve(dir, value));
  };
  for (const entry of Array.isArray(k.patchesStrategicMerge) ? k.patchesStrategicMerge : []) add(entry);
  for (const field of ['patches', 'patchesJson6902']) {
    const list = k[field];
    for (const entry of Array.isArray(list) ? list : []) {
      if (typeof entry === 'string') add(entry);
      else if (entry !== null && typeof entry === 'object') add((entry as Record<string, unknown>).path);
    }
  }
  return paths;
}

/** Whether `real` (a resolved path) is `root` or lies below it. */
function isWithin(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** What a directory entry is once symbolic links are resolved, or why it is not followed. */
type EntryKind = { kind: 'directory' | 'file' | 'other' } | { kind: 'skip'; report?: MissingInput };

/**
 * Classifies one directory entry met while walking under `root` (a real path). A symbolic link is followed
 * only when its target exists and lies inside `root` (or `followOutside` is set): a repository that links
 * `/` or a neighbouring tree must not make kubeward read the machine.
 */
function classifyEntry(path: string, entry: Dirent, root: string, followOutside: boolean): EntryKind {
  const manifestName = MANIFEST_EXTENSIONS.test(entry.name);
  if (!entry.isSymbolicLink()) {
    return { kind: entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other' };
  }
  let real: string;
  let target;
  try {
    real = realpathSync(path);
    target = statSync(real);
  } catch (error) {
    // A dangling link named like a manifest is reported; other dangling links are noise.
    return manifestName
      ? {
          kind: 'skip',
          report: { type: 'missing', path, message: `broken symbolic link: ${(error as Error).message}` },
        }
      : { kind: 'skip' };
  }
  const kind = target.isDirectory() ? 'directory' : target.isFile() ? 'file' : 'other';
  if (!followOutside && !isWithin(real, root)) {
    const relevant =
      kind === 'directory' ? !entry.name.startsWith('.') && entry.name !== 'node_modules' : manifestName;
    return relevant
      ? {
          kind: 'skip',
          report: {
            type: 'missing',
            path,
            level: 'warning',
            code: 'input/outside-root',
            message: `symbolic link to ${displayPath(real)}, outside ${displayPath(root)}; not followed (--follow-symlinks-outside follows it)`,
          },
        }
      : { kind: 'skip' };
  }
  return { kind };
}

/**
 * Expands paths into the ordered list of inputs: files as given; directories recursively (sorted, hidden
 * directories and node_modules skipped, symbolic links followed only inside the named directory); a directory
 * holding Chart.yaml (at any depth) is a Helm chart; a directory named on the command line holding a
 * kustomization is rendered with Kustomize (nested kustomizations are read as plain files, so overlays do not
 * duplicate their bases); globs are matched below their fixed prefix.
 */
function planInputs(paths: readonly string[], options: LoadOptions): PlannedInput[] {
  const followOutside = options.followSymlinksOutside === true;
  const plan: PlannedInput[] = [];
  // Real paths of the directories walked so far, so that a symlink loop is walked once, not forever.
  const visited = new Set<string>();
  // Patch files named by kustomizations met while walking: they are partial objects, judged as part of the
  // rendered kustomization, so read alone they would only give false findings.
  const patches = new Set<string>();
  const walked = new Set<string>();
  const walk = (dir: string, root: string): void => {
    const real = realPathOf(dir);
    if (visited.has(real)) return;
    visited.add(real);
    if (existsSync(join(dir, 'Chart.yaml'))) {
      plan.push({ type: 'chart', dir });
      return;
    }
    const kustomization = KUSTOMIZATION_FILES.find((f) => existsSync(join(dir, f)));
    if (kustomization) {
      for (const patch of kustomizePatchFiles(dir, kustomization, options.maxFileSize)) patches.add(patch);
    }
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      plan.push({
        type: 'missing',
        path: dir,
        code: 'input/unreadable',
        message: `cannot read directory: ${(error as Error).message}`,
      });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const what = classifyEntry(path, entry, root, followOutside);
      if (what.kind === 'skip') {
        if (what.report) plan.push(what.report);
      } else if (what.kind === 'directory') {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') walk(path, root);
      } else if (MANIFEST_EXTENSIONS.test(entry.name)) {
        // FIFOs, sockets and devices named like manifests are planned too, so that the reader refuses them
        // with a problem instead of the walk passing over them in silence.
        plan.push({ type: 'file', path });
        walked.add(path);
      }
    }
  };
  // Files named on the command line are read as asked, even when a walk meets them as Kustomize patches.
  const named = new Set<string>();
  for (const input of paths) {
    if (input === '-') plan.push({ type: 'stdin' });
    else if (existsSync(input)) {
      if (!statSync(input).isDirectory()) {
        plan.push({ type: 'file', path: input });
        named.add(realPathOf(input));
      } else if (
        !existsSync(join(input, 'Chart.yaml')) &&
        KUSTOMIZATION_FILES.some((f) => existsSync(join(input, f)))
      ) {
        plan.push({ type: 'kustomization', dir: input });
      } else if (!visited.has(realPathOf(input))) {
        // A directory an earlier argument already walked (itself, a parent, or through a symlink) adds
        // nothing new and is not an error; only a directory that really holds no manifest is.
        const before = plan.length;
        walk(input, realPathOf(input));
        if (plan.length === before) {
          // An error, like a glob that matches nothing: a mistyped directory must not pass a CI gate.
          plan.push({
            type: 'missing',
            path: input,
            message: `no .yaml, .yml or .json files under ${input}`,
          });
        }
      }
    } else if (GLOB_CHARS.test(input)) {
      const { files, reports } = expandGlob(input, followOutside);
      if (files.length === 0 && reports.length === 0)
        plan.push({ type: 'missing', path: input, message: `no file matches "${input}"` });
      for (const path of files) plan.push({ type: 'file', path });
      plan.push(...reports);
    } else plan.push({ type: 'missing', path: input, message: `no such file or directory: ${input}` });
  }
  // The same file reached twice (named and inside a named directory, or named twice) and `-` given twice are
  // read once, so that nothing is counted or reported twice.
  const seen = new Set<string>();
  const unique = plan.filter((item) => {
    const key =
      item.type === 'stdin'
        ? '-'
        : item.type === 'missing'
          ? `missing:${item.path}`
          : `${item.type}:${realPathOf(item.type === 'file' ? item.path : item.dir)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (patches.size === 0) return unique;
  // Only files found by walking are left out; a patch named on the command line is read as asked.
  return unique.map((item) =>
    item.type === 'file' &&
    walked.has(item.path) &&
    patches.has(resolve(item.path)) &&
    !named.has(realPathOf(item.path))
      ? {
          type: 'missing',
          path: item.path,
          level: 'warning',
          code: 'input/kustomize-patch',
          message:
            'Kustomize patch (named in a kustomization in its directory tree); not scanned on its own, scan the kustomization directory to check the result',
        }
      : item,
  );
}

/**
 * Reads every input in order and yields one unit per file (or rendered chart/kustomization). Bad input
 * becomes problems on the unit; the generator never throws for a user error, so the rest is still read.
 */
export async function* loadInputs(
  paths: readonly string[],
  options: LoadOptions = DEFAULT_LOAD_OPTIONS,
): AsyncGenerator<LoadedUnit, void, undefined> {
  for (const item of planInputs(paths, options)) {
    switch (item.type) {
      case 'stdin':
        yield await loadStdin(options);
        break;
      case 'file':
        yield loadFile(item.path, options);
        break;
      case 'chart':
        yield await renderHelm(item.dir, options);
        break;
      case 'kustomization':
        yield await renderKustomize(item.dir, options);
        break;
      case 'missing': {
        const unit = unitProblem(displayPath(item.path), item.code ?? 'input/not-found', item.message);
        for (const problem of unit.problems) problem.level = item.level ?? 'error';
        yield unit;
        break;
      }
    }
  }
}

async function loadStdin(options: LoadOptions): Promise<LoadedUnit> {
  const file = '-';
  if (!options.stdin) return unitProblem(file, 'input/unreadable', 'standard input is not available');
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of options.stdin) {
    total += chunk.length;
    // Stop at the limit instead of buffering the whole pipe first; leaving the loop closes the stream.
    if (total > options.maxFileSize) {
      return unitProblem(
        file,
        'input/too-large',
        `standard input is over the ${options.maxFileSize}-byte limit (--max-file-size); not scanned`,
      );
    }
    chunks.push(chunk);
  }
  return loadBytes(file, Buffer.concat(chunks, total), options);
}

function loadFile(path: string, options: LoadOptions): LoadedUnit {
  const file = displayPath(path);
  const read = readRegularFile(path, { maxBytes: options.maxFileSize, limitName: '--max-file-size' });
  if (!read.ok) return unitProblem(file, read.code, read.message.replace(/; not read$/, '; not scanned'));
  return loadBytes(file, read.bytes, options);
}

function loadBytes(
  file: string,
  bytes: Uint8Array,
  options: LoadOptions,
  origin?: TextOrigin,
  emptyMessage?: string,
): LoadedUnit {
  if (bytes.length > options.maxFileSize) {
    return unitProblem(
      file,
      'input/too-large',
      `input is ${bytes.length} bytes, over the ${options.maxFileSize}-byte limit (--max-file-size); not scanned`,
    );
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return unitProblem(file, decoded.code, decoded.message, decoded.line, decoded.column);
  if (options.onDocument) {
    // kubesec cuts and decodes its input its own way (comment-only chunks are documents, `--- # x` does
    // not start one); its reports follow that, whatever the loader makes of the same text.
    for (const value of kubesecDocuments(decoded.text).values) options.onDocument(value, file);
  }
  const loaded = loadText(decoded.text, origin ?? { file });
  if (loaded.documents === 0 && loaded.problems.length === 0) {
    // Nothing to scan is worth saying: empty standard input usually means the command feeding the pipe
    // failed (`helm template … | kubeward scan -`), so there it is an error.
    loaded.problems.push({
      code: 'input/empty',
      level: file === '-' ? 'error' : 'warning',
      message:
        file === '-' ? 'standard input holds no documents' : (emptyMessage ?? 'file holds no documents'),
      location: { file, line: 1, column: 1 },
    });
  }
  return { file, ...loaded };
}

/**
 * Files matching a glob below its fixed prefix, sorted, with the same rules as a directory walk: hidden
 * directories and node_modules skipped, symbolic links followed only inside the prefix, unreadable
 * directories reported.
 */
function expandGlob(pattern: string, followOutside: boolean): { files: string[]; reports: MissingInput[] } {
  const { base, glob } = picomatch.scan(pattern);
  const root = base === '' ? '.' : base;
  const realRoot = realPathOf(root);
  const isMatch = picomatch(glob, { dot: false });
  const files: string[] = [];
  const reports: MissingInput[] = [];
  const visited = new Set<string>();
  const visit = (dir: string): void => {
    const real = realPathOf(dir);
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      reports.push({
        type: 'missing',
        path: dir,
        code: 'input/unreadable',
        message: `cannot read directory: ${(error as Error).message}`,
      });
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const matches = isMatch(displayPath(relative(root, path)));
      const what = classifyEntry(path, entry, realRoot, followOutside);
      if (what.kind === 'skip') {
        if (what.report && (matches || what.report.code === 'input/outside-root')) reports.push(what.report);
      } else if (what.kind === 'directory') {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') visit(path);
      } else if (matches) {
        // A FIFO or device that matches is kept, so that the reader refuses it with a problem.
        files.push(path);
      }
    }
  };
  if (existsSync(root)) visit(root);
  return {
    files: files.sort(),
    reports: reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

async function renderKustomize(dir: string, options: LoadOptions): Promise<LoadedUnit> {
  const kustomization = displayPath(
    join(dir, KUSTOMIZATION_FILES.find((f) => existsSync(join(dir, f))) ?? 'kustomization.yaml'),
  );
  // The tree is read before kustomize runs: remote entries are refused, unreadable files reported, and the
  // generator literals found so that kustomize's messages cannot show them.
  const check = checkKustomization(dir, {
    maxFileSize: options.maxFileSize,
    allowRemote: options.allowRemote === true,
  });
  if (check.problems.some((p) => p.level === 'error')) {
    return { file: kustomization, resources: [], problems: check.problems, documents: 0 };
  }
  const command = kustomizeCommand(dir, options.kustomizeBinary);
  if (!command) {
    return unitProblem(
      kustomization,
      'input/renderer-missing',
      `${displayPath(dir)} is a Kustomize directory; install kubectl or kustomize to render it (or set KUBEWARD_KUSTOMIZE)`,
    );
  }
  const outcome = await runRenderer(command.binary, command.args, {
    timeoutMs: options.renderTimeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS,
    maxOutputBytes: options.maxFileSize,
    secrets: textSecrets(check.literals),
  });
  if (!outcome.ok) return unitProblem(kustomization, outcome.code, outcome.message);
  // Kustomize output loses the original files; findings point at the kustomization itself.
  return loadBytes(
    kustomization,
    outcome.bytes,
    options,
    { file: kustomization, redirect: () => () => ({ file: kustomization, line: 1, column: 1 }) },
    'the kustomization rendered no objects',
  );
}

async function renderHelm(dir: string, options: LoadOptions): Promise<LoadedUnit> {
  const chartFile = displayPath(join(dir, 'Chart.yaml'));
  const refused = checkHelmChart(dir, {
    maxFileSize: options.maxFileSize,
    allowRemote: options.allowRemote === true,
  });
  if (refused.length > 0) return { file: chartFile, resources: [], problems: refused, documents: 0 };
  const binary = helmBinary(options.helmBinary);
  if (!binary) {
    return unitProblem(
      chartFile,
      'input/renderer-missing',
      `${displayPath(dir)} is a Helm chart; install helm (or set KUBEWARD_HELM) to render it, or scan rendered output: helm template ${displayPath(dir)} | kubeward scan -`,
    );
  }
  const setFile = options.helmSetFile ?? [];
  // helm puts a --set-file file's text into the values, and its messages may quote it.
  const fileTexts: string[] = [];
  for (const assignment of setFile) {
    const path = assignment.slice(assignment.indexOf('=') + 1);
    const read = readTextFile(path, { maxBytes: options.maxFileSize });
    if (read.ok) fileTexts.push(read.text);
  }
  const args = helmTemplateArgs(dir, {
    values: options.helmValues,
    set: options.helmSet,
    setString: options.helmSetString ?? [],
    setFile,
  });
  const outcome = await withIsolatedHelmEnvironment((env) =>
    runRenderer(binary, args, {
      timeoutMs: options.renderTimeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS,
      maxOutputBytes: options.maxFileSize,
      secrets: sortSecrets([...commandLineSecrets(args), ...textSecrets(fileTexts)]),
      env,
    }),
  );
  if (!outcome.ok) return unitProblem(chartFile, outcome.code, outcome.message);
  return loadBytes(
    chartFile,
    outcome.bytes,
    options,
    { file: chartFile, redirect: helmSourceRedirect(displayPath(dir), options.maxFileSize) },
    'the chart rendered no objects',
  );
}
