import { Option, type Command } from 'commander';
import { parseDuration } from './duration.js';
import { parseSize } from './size.js';

/** The flags {@link addInputOptions} declares, as commander parses them. */
export interface InputFlags {
  maxFileSize: number;
  followSymlinksOutside?: boolean;
  allowRemote?: boolean;
  /** Milliseconds. */
  renderTimeout: number;
}

/**
 * Declares the flags that bound how file inputs are read and rendered, shared by every command that reads
 * manifests from files so that each has the same names, defaults and help.
 */
export function addInputOptions(command: Command): Command {
  return command
    .option(
      '--max-file-size <bytes>',
      'skip (and report) files larger than this (bytes, or with a unit: 512k, 16M, 1G)',
      parseSize,
      16 * 1024 * 1024,
    )
    .option(
      '--follow-symlinks-outside',
      'follow symbolic links that lead outside the named directories (not followed by default)',
    )
    .option(
      '--allow-remote',
      'let helm and kustomize fetch remote resources and dependencies (refused by default)',
    )
    .addOption(
      new Option(
        '--render-timeout <duration>',
        'stop helm or kustomize, and every process it started, after this long (e.g. 30s, 5m)',
      )
        .argParser((value: string) => parseDuration(value, '--render-timeout'))
        .default(120_000, '120s'),
    );
}

/** The load options the flags of {@link addInputOptions} set; defaults where a command did not declare them. */
export function inputLoadOptions(flags: Partial<InputFlags>): {
  maxFileSize?: number;
  followSymlinksOutside: boolean;
  allowRemote: boolean;
  renderTimeoutMs?: number;
} {
  return {
    ...(flags.maxFileSize !== undefined ? { maxFileSize: flags.maxFileSize } : {}),
    followSymlinksOutside: flags.followSymlinksOutside === true,
    allowRemote: flags.allowRemote === true,
    ...(flags.renderTimeout !== undefined ? { renderTimeoutMs: flags.renderTimeout } : {}),
  };
}
