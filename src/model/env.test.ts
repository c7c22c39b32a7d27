import { describe, expect, it } from 'vitest';
import {
  credentialValueKind,
  envFromSources,
  envVars,
  isCredentialName,
  isNonSecretValue,
  nameWords,
  secretKeyRefOf,
} from './env.js';
import type { JsonObject } from './types.js';
import type { ContainerView } from './workload.js';

function container(spec: JsonObject): ContainerView {
  return {
    name: 'app',
    type: 'container',
    index: 0,
    pointer: '/spec/containers/0',
    spec,
    securityContextPointer: '/spec/containers/0/securityContext',
    effective: {},
  };
}

describe('envVars and envFromSources', () => {
  const c = container({
    name: 'app',
    env: [
      { name: 'A', value: 'x' },
      'junk',
      { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
      { value: 'nameless' },
    ],
    envFrom: [{ secretRef: { name: 's' } }, { configMapRef: { name: 'c' } }, 3],
  });

  it('lists env entries with pointers, skipping malformed ones', () => {
    const vars = envVars(c);
    expect(vars.map((v) => [v.name, v.index, v.pointer, v.value])).toEqual([
      ['A', 0, '/spec/containers/0/env/0', 'x'],
      ['B', 2, '/spec/containers/0/env/2', undefined],
      ['#3', 3, '/spec/containers/0/env/3', 'nameless'],
    ]);
    expect(secretKeyRefOf(vars[1]!)).toEqual({
      secret: 's',
      key: 'k',
      pointer: '/spec/containers/0/env/2/valueFrom/secretKeyRef',
    });
    expect(secretKeyRefOf(vars[0]!)).toBeUndefined();
  });

  it('lists envFrom entries', () => {
    const from = envFromSources(c);
    expect(from).toHaveLength(2);
    expect(from[0]?.secretRef).toEqual({ name: 's' });
    expect(from[1]?.configMapRef).toEqual({ name: 'c' });
    expect(from[1]?.pointer).toBe('/spec/containers/0/envFrom/1');
  });

  it('returns nothing for a container without env', () => {
    expect(envVars(container({ name: 'x' }))).toEqual([]);
    expect(envFromSources(container({ name: 'x' }))).toEqual([]);
  });
});

describe('credential heuristics', () => {
  it('splits names into words', () => {
    expect(nameWords('DB_PASSWORD')).toEqual(['db', 'password']);
    expect(nameWords('dbPassword')).toEqual(['db', 'password']);
    expect(nameWords('APIKey')).toEqual(['api', 'key']);
    expect(nameWords('aws-secret.access_key')).toEqual(['aws', 'secret', 'access', 'key']);
  });

  it.each([
    'PASSWORD',
    'DB_PASSWORD',
    'MYSQL_ROOT_PASSWORD',
    'dbPassword',
    'DB_PASS',
    'ADMIN_PASSWD',
    'SSH_PASSPHRASE',
    'CLIENT_SECRET',
    'AWS_SECRET_ACCESS_KEY',
    'SECRET_KEY_BASE',
    'GITHUB_TOKEN',
    'APITOKEN',
    'API_KEY',
    'ApiKey',
    'ACCESS_KEY',
    'PRIVATE_KEY',
    'SIGNING_KEY',
    'GOOGLE_CREDENTIALS',
    'REGISTRY_CREDS',
  ])('%s is a credential name', (name) => {
    expect(isCredentialName(name)).toBe(true);
  });

  it.each([
    'PWD',
    'TOKENIZERS_PARALLELISM',
    'PASSWORD_FILE',
    'SECRETS_DIR',
    'TOKEN_URL',
    'TOKEN_TTL',
    'SECRET_NAME',
    'AWS_ACCESS_KEY_ID',
    'PASSWORD_MIN_LENGTH',
    'KEY',
    'PUBLIC_KEY',
    'PASSTHROUGH',
    'SECRETARY',
  ])('%s is not a credential name', (name) => {
    expect(isCredentialName(name)).toBe(false);
  });

  it.each([
    '',
    '  ',
    '$(DB_PASSWORD)',
    '${TOKEN}',
    '{{ .Values.pw }}',
    'true',
    'OFF',
    '42',
    '30s',
    '/run/secrets/pw',
  ])('%j is not a secret value', (value) => {
    expect(isNonSecretValue(value)).toBe(true);
  });

  it('recognises credential-shaped values without echoing them', () => {
    expect(credentialValueKind('-----BEGIN ' + 'RSA PRIVATE KEY-----\nMIIB...')).toBe('privateKey');
    expect(credentialValueKind('-----BEGIN ' + 'OPENSSH PRIVATE KEY-----')).toBe('privateKey');
    expect(credentialValueKind('-----BEGIN PUBLIC KEY-----')).toBeUndefined();
    expect(credentialValueKind('AKIA' + 'ABCDEFGHIJKLMNOP')).toBe('awsAccessKeyId');
    expect(credentialValueKind('xAKIA' + 'ABCDEFGHIJKLMNOP')).toBeUndefined();
    expect(credentialValueKind('postgres://app:' + 'hunter2@db:5432/app')).toBe('urlPassword');
    expect(credentialValueKind('redis://:' + 'hunter2@cache:6379')).toBe('urlPassword');
    expect(credentialValueKind('http://db:5432/app')).toBeUndefined();
    expect(credentialValueKind('postgres://app:$(DB_PASSWORD)@db/app')).toBeUndefined();
    expect(credentialValueKind('hello')).toBeUndefined();
  });
});
