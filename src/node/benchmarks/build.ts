import type { ComponentName } from '../facts.js';
import type { CheckDef, DefaultValue, Expect, FileRef, Level, SettingRef, Test } from './types.js';

// Small constructors that keep the benchmark tables readable. They only build data.

/** A default value with the note shown in results. */
export function dflt(
  value: string | string[] | null,
  note: string,
  withoutConfigFile?: string | string[] | null,
): DefaultValue {
  return withoutConfigFile === undefined ? { value, note } : { value, note, withoutConfigFile };
}

/** A component has no value for this setting unless it is given. */
export const NO_DEFAULT = (component: string, flag: string): DefaultValue =>
  dflt(null, `${component} --${flag} has no default`);

/** A setting test. */
export function setting(ref: SettingRef, expect: Expect): Test {
  return { kind: 'setting', setting: ref, expect };
}

/** Every test must pass. */
export function all(...of: Test[]): Test {
  return { kind: 'all', of };
}

/** Permission bits of the files must lie within `max`. */
export function mode(file: FileRef, max: string): Test {
  return { kind: 'file-mode', file, max };
}

/** The files must be owned by `owner` (`user:group`). */
export function owner(file: FileRef, who = 'root:root'): Test {
  return { kind: 'file-owner', file, owner: who };
}

/** Options of {@link check}. */
export interface CheckOptions {
  level?: Level;
  automated?: boolean;
  test?: Test;
}

/** One recommendation (Level 1 and automated unless told). */
export function check(
  id: string,
  component: ComponentName | null,
  text: string,
  remediation: string,
  options: CheckOptions = {},
): CheckDef {
  const def: CheckDef = {
    id,
    text,
    level: options.level ?? 1,
    automated: options.automated ?? true,
    component,
    remediation,
  };
  if (options.test) def.test = options.test;
  return def;
}
