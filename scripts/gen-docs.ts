// Generates src/rules/index.ts, docs/rules/**.md and docs/presets.md from rule metadata.
// With --check, fails (exit 1) when any generated file is stale instead of writing it.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnyRule } from '../src/engine/rule.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const HEADER = 'DO NOT EDIT: generated from rule metadata by `npm run gen:docs`.';
const stale: string[] = [];

function emit(path: string, content: string): void {
  const abs = join(root, path);
  const current = existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
  if (current === content) return;
  if (check) {
    stale.push(path);
    return;
  }
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

// 1. The registry: every src/rules/<family>/<name>.ts is a rule whose id is <family>/<name>.
const rulesDir = join(root, 'src/rules');
const ids: string[] = [];
for (const family of readdirSync(rulesDir).sort()) {
  const dir = join(rulesDir, family);
  if (!statSync(dir).isDirectory() || family.startsWith('_')) continue;
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.startsWith('_')) continue;
    ids.push(`${family}/${file.slice(0, -3)}`);
  }
}
ids.sort();
const ident = (id: string): string =>
  id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));
emit(
  'src/rules/index.ts',
  `// ${HEADER}\nimport type { AnyRule } from '../engine/rule.js';\n` +
    ids.map((id) => `import ${ident(id)} from './${id}.js';`).join('\n') +
    `\n\n/** Every rule of the catalog, sorted by id. */\nexport const rules: readonly AnyRule[] = [\n` +
    ids.map((id) => `  ${ident(id)},`).join('\n') +
    '\n];\n',
);

// 2. Docs, from the rule modules themselves.
type Meta = {
  title: string;
  description: string;
  remediation: string;
  severity: string;
  kinds: readonly string[];
  refs: Record<string, string[] | undefined>;
  presets: readonly string[];
  options: Record<string, { type: string; default: unknown; description: string }>;
  messages: Record<string, string>;
  notes?: string;
  supersedes?: readonly string[];
};
type RuleModule = { id: string; meta: Meta; examples: { pass: string[]; fail: string[] } };
const loaded: RuleModule[] = [];
for (const id of ids) {
  const mod = (await import(pathToFileURL(join(rulesDir, `${id}.ts`)).href)) as { default: RuleModule };
  loaded.push(mod.default);
}
// Preset membership comes from the engine itself, so the docs can never disagree with a scan. Imported only
// now, after the registry above was written, so that a stale registry cannot break its own regeneration.
const { inPreset } = await import('../src/engine/registry.js');
const { PRESETS } = await import('../src/engine/config.js');
const presetsOf = (r: RuleModule): string[] =>
  PRESETS.filter((p) => inPreset(r as unknown as AnyRule, p)).sort();
const refLine = (r: RuleModule): string[] =>
  Object.entries(r.meta.refs)
    .filter(([, v]) => v && v.length > 0)
    .map(([k, v]) => `- **${k.toUpperCase()}**: ${(v ?? []).join(', ')}`);

for (const r of loaded) {
  const lines = [
    `<!-- ${HEADER} -->`,
    `# ${r.id}`,
    '',
    `**${r.meta.title}** · severity \`${r.meta.severity}\` · applies to ${r.meta.kinds.map((k) => (k === 'workload' ? 'every pod-bearing kind' : `\`${k}\``)).join(', ')}`,
    '',
    r.meta.description,
    '',
    '## Remediation',
    '',
    r.meta.remediation,
    '',
  ];
  if (r.meta.notes) lines.push('## Semantics', '', r.meta.notes, '');
  if (r.meta.supersedes?.length) {
    lines.push(
      '## Supersedes',
      '',
      `When selected together with ${r.meta.supersedes.map((id) => `[${id}](../${id}.md)`).join(', ')}, this rule replaces it.`,
      '',
    );
  }
  const opts = Object.entries(r.meta.options);
  if (opts.length > 0) {
    lines.push('## Options', '', '| option | type | default | description |', '|---|---|---|---|');
    for (const [name, o] of opts)
      lines.push(`| \`${name}\` | ${o.type} | \`${JSON.stringify(o.default)}\` | ${o.description} |`);
    lines.push('');
  }
  lines.push(
    '## Presets',
    '',
    presetsOf(r)
      .map((p) => `\`${p}\``)
      .join(', '),
    '',
  );
  const refs = refLine(r);
  if (refs.length > 0) lines.push('## References', '', ...refs, '');
  lines.push('## Messages', '', ...Object.entries(r.meta.messages).map(([k, v]) => `- \`${k}\`: ${v}`), '');
  lines.push('## Examples', '');
  r.examples.fail.forEach((y) => lines.push('Fails:', '', '```yaml', y.trimEnd(), '```', ''));
  r.examples.pass.forEach((y) => lines.push('Passes:', '', '```yaml', y.trimEnd(), '```', ''));
  emit(`docs/rules/${r.id}.md`, lines.join('\n'));
}

const index = [
  `<!-- ${HEADER} -->`,
  '# Rule catalog',
  '',
  `${loaded.length} rules.`,
  '',
  '| rule | severity | title | presets |',
  '|---|---|---|---|',
  ...loaded.map(
    (r) => `| [${r.id}](${r.id}.md) | ${r.meta.severity} | ${r.meta.title} | ${presetsOf(r).join(', ')} |`,
  ),
  '',
];
emit('docs/rules/README.md', index.join('\n'));

const presetDoc = [`<!-- ${HEADER} -->`, '# Presets', ''];
for (const p of PRESETS) {
  const members = loaded.filter((r) => presetsOf(r).includes(p));
  presetDoc.push(
    `## ${p}`,
    '',
    `${members.length} rules.`,
    '',
    ...members.map((r) => `- [${r.id}](rules/${r.id}.md)`),
    '',
  );
}
emit('docs/presets.md', presetDoc.join('\n'));

// Stale docs of rules that no longer exist.
const docsRules = join(root, 'docs/rules');
if (existsSync(docsRules)) {
  for (const family of readdirSync(docsRules)) {
    const dir = join(docsRules, family);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir)) {
      if (!ids.includes(`${family}/${f.replace(/\.md$/, '')}`))
        stale.push(relative(root, join(dir, f)) + ' (no such rule)');
    }
  }
}

if (stale.length > 0) {
  console.error(`Generated files are stale; run \`npm run gen:docs\` and commit:\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
