import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseConfig, type KubewardConfig, defaultConfig } from '../engine/config.js';
import { InputError, UsageError } from '../engine/errors.js';
import { allRules, optionTypes } from '../engine/registry.js';
import { decodeDocument, DecodeError, DocumentLocator } from './yaml-document.js';

/** Names of the config file, looked for upward from the working directory. */
export const CONFIG_FILE_NAMES = ['.kubeward.yaml', '.kubeward.yml'];

/** Finds the nearest config file at or above `from`. */
export function findConfigFile(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Reads and validates a config file. Throws {@link InputError} when it cannot be read or parsed, and
 * {@link UsageError} listing every invalid key with its line.
 */
export function readConfigFile(path: string): KubewardConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  if (text.trim() === '') return defaultConfig();
  let decoded;
  try {
    decoded = decodeDocument(text, { maxDepth: 50, maxExpandedNodes: text.length + 10_000 });
  } catch (error) {
    if (error instanceof DecodeError) {
      throw new InputError(`${path}:${error.line + 1}:${error.column + 1}: invalid config: ${error.message}`);
    }
    throw error;
  }
  const locator = new DocumentLocator(decoded);
  const ids = new Set(allRules().map((r) => r.id));
  const { config, issues } = parseConfig(
    decoded.value,
    (pointer) => {
      const at = locator.locate(pointer);
      return { file: path, line: at.line + 1, column: at.column + 1 };
    },
    ids,
    optionTypes,
  );
  if (issues.length > 0) {
    throw new UsageError(
      `invalid config ${path}:\n` +
        issues
          .map((i) => `  ${i.location.file}:${i.location.line}:${i.location.column}: ${i.key}: ${i.message}`)
          .join('\n'),
    );
  }
  return config;
}
