import { asArray, asObject, joinPointer } from './json.js';
import type { JsonObject } from './types.js';
import type { ContainerView } from './workload.js';

/** One `env[]` entry of a container. */
export interface EnvVarView {
  /** The variable name, or `#<index>` when the entry has none. */
  name: string;
  index: number;
  /** JSON pointer of the entry. */
  pointer: string;
  spec: JsonObject;
  /** The literal `value`, when it is a string. */
  value?: string;
  /** The `valueFrom` object, when present. */
  valueFrom?: JsonObject;
}

/** One `envFrom[]` entry of a container. */
export interface EnvFromView {
  index: number;
  /** JSON pointer of the entry. */
  pointer: string;
  spec: JsonObject;
  /** The `secretRef` object, when present. */
  secretRef?: JsonObject;
  /** The `configMapRef` object, when present. */
  configMapRef?: JsonObject;
}

/** The `env[]` entries of a container, skipping malformed (non-object) ones. */
export function envVars(container: ContainerView): EnvVarView[] {
  return asArray(container.spec.env).flatMap((raw, index) => {
    const spec = asObject(raw);
    if (!spec) return [];
    const view: EnvVarView = {
      name: typeof spec.name === 'string' ? spec.name : `#${index}`,
      index,
      pointer: joinPointer(container.pointer, 'env', index),
      spec,
    };
    if (typeof spec.value === 'string') view.value = spec.value;
    const valueFrom = asObject(spec.valueFrom);
    if (valueFrom) view.valueFrom = valueFrom;
    return [view];
  });
}

/** The `envFrom[]` entries of a container, skipping malformed (non-object) ones. */
export function envFromSources(container: ContainerView): EnvFromView[] {
  return asArray(container.spec.envFrom).flatMap((raw, index) => {
    const spec = asObject(raw);
    if (!spec) return [];
    const view: EnvFromView = { index, pointer: joinPointer(container.pointer, 'envFrom', index), spec };
    const secretRef = asObject(spec.secretRef);
    if (secretRef) view.secretRef = secretRef;
    const configMapRef = asObject(spec.configMapRef);
    if (configMapRef) view.configMapRef = configMapRef;
    return [view];
  });
}

/** The secret an env var reads through `valueFrom.secretKeyRef`, with the pointer of that reference. */
export function secretKeyRefOf(
  env: EnvVarView,
): { secret: string | undefined; key: string | undefined; pointer: string } | undefined {
  const ref = asObject(env.valueFrom?.secretKeyRef);
  if (!ref) return undefined;
  return {
    secret: typeof ref.name === 'string' ? ref.name : undefined,
    key: typeof ref.key === 'string' ? ref.key : undefined,
    pointer: joinPointer(env.pointer, 'valueFrom', 'secretKeyRef'),
  };
}

/** Splits an env var name into lower-case words: `DB_PASSWORD`, `dbPassword` and `db-password` give `db password`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

// A word naming a credential, alone or as a suffix (`dbpassword`, `apitoken`); matching whole words or suffixes
// keeps `TOKENIZER` or `SECRETARY` out.
const CREDENTIAL_SUFFIXES = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'tokens',
  'apikey',
  'accesskey',
  'privatekey',
  'credential',
  'credentials',
];
const CREDENTIAL_WORDS = new Set(['pass', 'creds']);
// Two-word forms of the compound names above (`API_KEY`, `ACCESS_KEY`, `PRIVATE_KEY`).
const KEY_PREFIXES = new Set(['api', 'access', 'private', 'secret', 'signing', 'encryption', 'master']);
// A last word that makes the variable describe a credential rather than hold one: where it is, what it is
// called, how long it lives.
const DESCRIPTOR_WORDS = new Set([
  'file',
  'path',
  'dir',
  'directory',
  'name',
  'names',
  'ref',
  'url',
  'uri',
  'endpoint',
  'host',
  'port',
  'arn',
  'id',
  'ttl',
  'timeout',
  'expiry',
  'expiration',
  'lifetime',
  'length',
  'size',
  'count',
  'enabled',
  'enable',
  'disabled',
  'required',
  'type',
  'header',
  'field',
  'mode',
  'issuer',
  'audience',
  'location',
  'region',
  'version',
  'format',
  'algorithm',
  'namespace',
]);

/** True when an env var name suggests that it holds a credential (password, token, API key …). */
export function isCredentialName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || DESCRIPTOR_WORDS.has(last)) return false;
  return words.some(
    (word, i) =>
      CREDENTIAL_WORDS.has(word) ||
      CREDENTIAL_SUFFIXES.some((suffix) => word.endsWith(suffix)) ||
      (word === 'key' && i > 0 && KEY_PREFIXES.has(words[i - 1] ?? '')),
  );
}

/**
 * True when a literal value cannot be a hard-coded credential: empty, a reference that Kubernetes or a template
 * engine expands later (`$(VAR)`, `${VAR}`, `{{ }}`), a boolean or number, or a file path.
 */
export function isNonSecretValue(value: string): boolean {
  const text = value.trim();
  return (
    text === '' ||
    /\$\(|\$\{|\{\{/.test(text) ||
    /^(true|false|yes|no|on|off|enabled|disabled|none|null|nil)$/i.test(text) ||
    /^-?\d+(\.\d+)?(ms|s|m|h|d)?$/i.test(text) ||
    /^(\/|\.\/|~\/|file:\/\/)/.test(text)
  );
}

/** Kinds of credential recognisable from a value alone. */
export type CredentialValueKind = 'privateKey' | 'awsAccessKeyId' | 'urlPassword';

const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
// AWS access key ids: a 4-character prefix (long-term AKIA, temporary ASIA, …) and 16 base-32 characters.
const AWS_ACCESS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Za-z0-9])/;
// scheme://user:password@host; the user may be empty (`redis://:password@host`).
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:[^\s/@]+@/i;

/** What kind of credential a literal value looks like, whatever the variable's name; undefined for none. */
export function credentialValueKind(value: string): CredentialValueKind | undefined {
  if (isNonSecretValue(value)) return undefined;
  if (PRIVATE_KEY.test(value)) return 'privateKey';
  if (AWS_ACCESS_KEY_ID.test(value)) return 'awsAccessKeyId';
  if (URL_WITH_PASSWORD.test(value.trim())) return 'urlPassword';
  return undefined;
}
