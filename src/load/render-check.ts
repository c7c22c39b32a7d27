import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Problem } from '../model/types.js';
import { readTextFile } from './read-file.js';
import { DecodeError, decodeDocument, DocumentLocator, type DecodedDocument } from '../base/yaml-document.js';

/** The names kustomize looks for in a directory, in the order it tries them. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** How the tree of a kustomization or chart is checked before rendering. */
export interface RenderCheckOptions {
  /** Files larger than this many bytes are not read. */
  maxFileSize: number;
  /** Let the renderer fetch remote resources (`--allow-remote`): remote entries are not refused. */
  allowRemote: boolean;
}

/** What the check found: problems that stop the render, and strings to hide from the renderer's messages. */
export interface RenderCheck {
  /** When any of these is an error, the renderer must not be run. */
  problems: Problem[];
  /** Generator literals (`configMapGenerator`/`secretGenerator` `literals`) to hide from messages. */
  literals: string[];
}

// Enough for any real overlay tree; a tree larger than this is refused rather than read without end.
const MAX_KUSTOMIZATIONS = 1000;

function displayPath(p: string): string {
  return p.split('\\').join('/');
}

function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function decode(text: string): DecodedDocument {
  // The limits the loader applies to manifests: a kustomization is no more trusted than they are.
  return decodeDocument(text, { maxDepth: 100, maxExpandedNodes: text.length + 10_000 });
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Whether a kustomization entry names something kustomize would fetch instead of reading a local path: a
 * URL (`https://`, `ssh://`, `git::…`, `file://` git clones), an scp-like git remote (`git@host:org/repo`),
 * `gh:org/repo`, or a host-qualified path that does not exist locally (`github.com/org/repo//dir?ref=v1`),
 * which kustomize reads as a git repository.
 */
export function isRemoteReference(entry: string, baseDir: string): boolean {
  const value = entry.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return true;
  if (/^[a-z][a-z0-9+.-]*::/i.test(value)) return true;
  if (/^gh:/i.test(value)) return true;
  if (/^[^\s/@:]+@[^\s/:]+:/.test(value)) return true;
  if (existsSync(resolve(baseDir, value))) return false;
  const first = value.split('/')[0] ?? '';
  return (
    /\?(ref|version|timeout|submodules)=/.test(value) ||
    (value.includes('/') && /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/i.test(first) && !/\.ya?ml$/i.test(first))
  );
}

/** A remote reference as it may be shown: user info (a token in `https://user:token@host`) is left out. */
export function displayReference(entry: string): string {
  return entry.trim().replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/**
 * Reads a kustomization and, recursively, the local kustomizations it builds on (`resources`, `bases`,
 * `components`, `generators`, `transformers`, `validators` naming directories), each through the one reader
 * with the size limit and decoded with the manifest limits, and refuses, with `input/render-remote` at the
 * entry's line, everything kustomize would fetch over the network: remote `resources`/`bases`/`components`
 * (and generators, transformers, validators), URLs among the files it loads (patches, generator files, CRDs,
 * configurations, replacements, OpenAPI schema, Helm values files), and `helmCharts` pulled from a `repo`.
 * A kustomization that cannot be read or decoded is reported too, since then it cannot be checked.
 * Also collects the generator literals, which kustomize may repeat in its error messages.
 */
export function checkKustomization(dir: string, options: RenderCheckOptions): RenderCheck {
  const all: Problem[] = [];
  const literals = new Set<string>();
  const visited = new Set<string>();
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.shift() as string;
    const real = realPathOf(current);
    if (visited.has(real)) continue;
    visited.add(real);
    const name = KUSTOMIZATION_FILES.find((f) => existsSync(join(current, f)));
    // A directory without a kustomization is kustomize's error to report.
    if (!name) continue;
    const file = displayPath(join(current, name));
    if (visited.size > MAX_KUSTOMIZATIONS) {
      all.push(
        problemAt(
          file,
          'input/too-large',
          `more than ${MAX_KUSTOMIZATIONS} kustomizations in the tree; not rendered`,
          1,
          1,
        ),
      );
      break;
    }
    const read = readTextFile(join(current, name), {
      maxBytes: options.maxFileSize,
      limitName: '--max-file-size',
    });
    if (!read.ok) {
      all.push(
        problemAt(
          file,
          read.code,
          `${read.message.replace(/; not read$/, '')}; the kustomization is not rendered`,
          1,
          1,
        ),
      );
      continue;
    }
    let doc: DecodedDocument;
    try {
      doc = decode(read.text);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      all.push(
        problemAt(
          file,
          error.code,
          `${error.message}; the kustomization is not rendered`,
          error.line + 1,
          error.column + 1,
        ),
      );
      continue;
    }
    if (!isMap(doc.value)) continue;
    const k = doc.value;
    // This file's problems, reported in line order.
    const problems: Problem[] = [];
    const locator = new DocumentLocator(doc);
    const refuse = (pointer: string, field: string, entry: string, how: string): void => {
      if (options.allowRemote) return;
      const at = locator.locate(pointer);
      problems.push(
        problemAt(
          file,
          'input/render-remote',
          `${field} ${JSON.stringify(displayReference(entry))} is remote (${how}); not rendered: renderers get no network access unless --allow-remote is given`,
          at.line + 1,
          at.column + 1,
        ),
      );
    };
    // Entries that may be local files or directories (kustomizations to read next) or remote locations.
    for (const field of ['resources', 'bases', 'components', 'generators', 'transformers', 'validators']) {
      list(k[field]).forEach((entry, i) => {
        // Inline generator and transformer configurations are multi-line strings or maps.
        if (typeof entry !== 'string' || entry.includes('\n')) return;
        if (isRemoteReference(entry, current)) {
          refuse(`/${field}/${i}`, field, entry, 'kustomize would fetch or clone it');
          return;
        }
        const path = isAbsolute(entry) ? entry : join(current, entry);
        try {
          const stats = statSync(path);
          if (stats.isDirectory()) pending.push(path);
          else if (!stats.isFile()) {
            // kustomize would block on a FIFO or read a device without end.
            const at = locator.locate(`/${field}/${i}`);
            problems.push(
              problemAt(
                file,
                'input/unreadable',
                `${field} ${JSON.stringify(entry)} is not a regular file or directory; the kustomization is not rendered`,
                at.line + 1,
                at.column + 1,
              ),
            );
          }
        } catch {
          // Missing: kustomize reports it.
        }
      });
    }
    // Files kustomize loads; its loader fetches http(s) URLs among them.
    const files: [string, unknown][] = [];
    for (const field of ['crds', 'configurations', 'patchesStrategicMerge']) {
      list(k[field]).forEach((entry, i) => files.push([`/${field}/${i}`, entry]));
    }
    for (const field of ['patches', 'patchesJson6902', 'replacements']) {
      list(k[field]).forEach((entry, i) => {
        if (isMap(entry)) files.push([`/${field}/${i}/path`, entry.path]);
      });
    }
    if (isMap(k.openapi)) files.push(['/openapi/path', k.openapi.path]);
    for (const field of ['configMapGenerator', 'secretGenerator']) {
      list(k[field]).forEach((generator, i) => {
        if (!isMap(generator)) return;
        list(generator.files).forEach((entry, j) => {
          // `key=path` names the key of the data item; the path follows the first `=`.
          const path =
            typeof entry === 'string' && entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : entry;
          files.push([`/${field}/${i}/files/${j}`, path]);
        });
        list(generator.envs).forEach((entry, j) => files.push([`/${field}/${i}/envs/${j}`, entry]));
        files.push([`/${field}/${i}/env`, generator.env]);
        for (const literal of list(generator.literals)) {
          if (typeof literal !== 'string') continue;
          // `KEY=value`: the value is the secret; kustomize may quote the whole literal or just the value.
          const eq = literal.indexOf('=');
          literals.add(literal);
          if (eq !== -1) literals.add(literal.slice(eq + 1));
        }
      });
    }
    list(k.helmCharts).forEach((chart, i) => {
      if (!isMap(chart)) return;
      if (typeof chart.repo === 'string' && chart.repo.trim() !== '')
        refuse(
          `/helmCharts/${i}/repo`,
          'helmCharts repo',
          chart.repo,
          'the chart would be pulled from its repository',
        );
      files.push([`/helmCharts/${i}/valuesFile`, chart.valuesFile]);
      list(chart.additionalValuesFiles).forEach((entry, j) =>
        files.push([`/helmCharts/${i}/additionalValuesFiles/${j}`, entry]),
      );
    });
    list(k.helmChartInflationGenerator).forEach((chart, i) => {
      if (isMap(chart) && typeof chart.chartRepoUrl === 'string' && chart.chartRepoUrl.trim() !== '')
        refuse(
          `/helmChartInflationGenerator/${i}/chartRepoUrl`,
          'helmChartInflationGenerator chartRepoUrl',
          chart.chartRepoUrl,
          'the chart would be pulled from its repository',
        );
    });
    for (const [pointer, entry] of files) {
      if (typeof entry !== 'string' || entry.includes('\n')) continue;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry.trim())) {
        const field = pointer
          .split('/')
          .filter((t) => t !== '' && !/^\d+$/.test(t))
          .join(' ');
        refuse(pointer, field, entry, 'kustomize would download it');
      }
    }
    problems.sort((x, y) => x.location.line - y.location.line || x.location.column - y.location.column);
    all.push(...problems);
  }
  return { problems: all, literals: [...literals] };
}

/**
 * Checks a Helm chart before `helm template`: every dependency in Chart.yaml that comes from a repository
 * (anything but `file://`) must already be in `charts/`, since kubeward never downloads dependencies (it runs
 * no `helm dependency update`); a missing one is `input/render-remote` at its line, unless remote rendering
 * is allowed. A Chart.yaml that cannot be read is reported; one that does not decode is left to helm.
 */
export function checkHelmChart(dir: string, options: RenderCheckOptions): Problem[] {
  const file = displayPath(join(dir, 'Chart.yaml'));
  const read = readTextFile(join(dir, 'Chart.yaml'), {
    maxBytes: options.maxFileSize,
    limitName: '--max-file-size',
  });
  if (!read.ok)
    return [
      problemAt(
        file,
        read.code,
        `${read.message.replace(/; not read$/, '')}; the chart is not rendered`,
        1,
        1,
      ),
    ];
  if (options.allowRemote) return [];
  let doc: DecodedDocument;
  try {
    doc = decode(read.text);
  } catch (error) {
    if (error instanceof DecodeError) return [];
    throw error;
  }
  if (!isMap(doc.value)) return [];
  const dependencies = list(doc.value.dependencies);
  if (dependencies.length === 0) return [];
  const vendored = vendoredCharts(join(dir, 'charts'), options.maxFileSize);
  const locator = new DocumentLocator(doc);
  const problems: Problem[] = [];
  dependencies.forEach((dependency, i) => {
    if (!isMap(dependency) || typeof dependency.name !== 'string') return;
    const repository = typeof dependency.repository === 'string' ? dependency.repository.trim() : '';
    if (repository === '' || /^file:\/\//i.test(repository)) return;
    if (vendored.has(dependency.name)) return;
    const at = locator.locate(`/dependencies/${i}`);
    problems.push(
      problemAt(
        file,
        'input/render-remote',
        `dependency ${JSON.stringify(dependency.name)} (repository ${JSON.stringify(displayReference(repository))}) is not in charts/ and would have to be downloaded; kubeward does not download chart dependencies: run helm dependency build ${displayPath(dir)} first (--allow-remote renders anyway)`,
        at.line + 1,
        at.column + 1,
      ),
    );
  });
  return problems;
}

/** Names of the charts in a `charts/` directory: unpacked charts by their Chart.yaml name, archives by file name. */
function vendoredCharts(chartsDir: string, maxFileSize: number): Set<string> {
  const names = new Set<string>();
  let entries;
  try {
    entries = readdirSync(chartsDir, { withFileTypes: true });
  } catch {
    return names;
  }
  for (const entry of entries) {
    const path = join(chartsDir, entry.name);
    if (/\.tgz$/.test(entry.name)) {
      // `name-1.2.3.tgz`, as helm dependency build writes it; the name itself may hold dashes.
      const m = /^(.+)-\d+\.\d+\.\d+.*\.tgz$/.exec(entry.name);
      names.add(m?.[1] ?? entry.name.replace(/\.tgz$/, ''));
      continue;
    }
    names.add(entry.name);
    const chart = readTextFile(join(path, 'Chart.yaml'), { maxBytes: maxFileSize });
    if (!chart.ok) continue;
    try {
      const value = decode(chart.text).value;
      if (isMap(value) && typeof value.name === 'string') names.add(value.name);
    } catch {
      // Not a chart helm could load either.
    }
  }
  return names;
}

function problemAt(
  file: string,
  code: Problem['code'],
  message: string,
  line: number,
  column: number,
): Problem {
  return { code, level: 'error', message, location: { file, line, column } };
}
