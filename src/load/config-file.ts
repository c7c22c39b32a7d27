import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseConfig, type KubewardConfig, defaultConfig } from '../engine/config.js';
import { InputError, UsageError } from '../base/errors.js';
import { allRules, optionTypes } from '../engine/registry.js';
import { readTextFile } from './read-file.js';
import { decodeDocument, DecodeError, DocumentLocator } from '../base/yaml-document.js';

/** Names of the config file, looked for upward from the working directory. */
export const CONFIG_FILE_NAMES = ['.kubeward.yaml', '.kubeward.yml'];

/** Config files are at most this large; a larger one is refused as unreadable. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Finds the nearest config file at or above `from`, looking no higher than the repository root (the first
 * directory holding `.git`) or the home directory, whichever comes first. A config file decides which
 * rules run, so one left in `/tmp` or a shared parent directory by someone else must not be picked up.
 */
export function findConfigFile(from: string, home: string = homedir()): string | undefined {
  let dir = resolve(from);
  const stop = resolve(home);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dir === stop || existsSync(join(dir, '.git'))) return undefined;
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
  const read = readTextFile(path, { maxBytes: MAX_CONFIG_BYTES });
  if (!read.ok) throw new InputError(`cannot read config file ${path}: ${read.message}`);
  const text = read.text;
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
