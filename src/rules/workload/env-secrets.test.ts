import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import hardcoded from './hardcoded-secret-in-env.js';
import secretsInEnv from './secrets-in-env.js';

// Credential-shaped test values are assembled at run time so that secret scanners do not flag this file.
const PRIVATE_KEY = '-----BEGIN ' + 'RSA PRIVATE KEY-----';
const PASSWORD = 'correct-' + 'horse-battery';

const pod = (env: string, kind = 'containers') => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  ${kind}:
    - name: app
      image: team/app:1.0
      env:
${env}`;

describe('workload/hardcoded-secret-in-env', () => {
  it('never puts the value in a message', () => {
    const yaml = pod(`        - { name: API_KEY, value: "${PASSWORD}" }
        - { name: SSH_KEY, value: "${PRIVATE_KEY}" }`);
    const { findings } = runRule(hardcoded, yaml);
    expect(findings.map((f) => f.message)).toEqual([
      'container "app" sets credential-like env var "API_KEY" to a literal value',
      'container "app" env var "SSH_KEY" holds what looks like a private key',
    ]);
    for (const f of findings) {
      expect(JSON.stringify(f)).not.toContain(PASSWORD);
      expect(JSON.stringify(f)).not.toContain('PRIVATE KEY-----');
    }
  });

  it('skips allowed names but still applies value patterns to them', () => {
    const yaml = pod(`        - { name: JWT_SECRET, value: "${PASSWORD}" }
        - { name: SIGNING_SECRET, value: "${PRIVATE_KEY}" }`);
    const { findings } = runRule(hardcoded, yaml, { allowNames: ['jwt_secret', 'SIGNING_SECRET'] });
    expect(findings.map((f) => f.message)).toEqual([
      'container "app" env var "SIGNING_SECRET" holds what looks like a private key',
    ]);
  });

  it('checks ephemeral containers and points at the value', () => {
    const { findings } = runRule(
      hardcoded,
      pod(`        - { name: PASSWORD, value: "${PASSWORD}" }`, 'ephemeralContainers'),
    );
    expect(findings.map((f) => f.path)).toEqual(['/spec/ephemeralContainers/0/env/0/value']);
  });
});

describe('workload/secrets-in-env', () => {
  it('reports init containers and names the secret and variable only', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  initContainers:
    - name: setup
      image: team/setup:1.0
      env:
        - name: TOKEN
          valueFrom:
            secretKeyRef: { name: api, key: token }
        - name: CONFIG
          valueFrom:
            configMapKeyRef: { name: cfg, key: config }
  containers:
    - name: app
      image: team/app:1.0`;
    const { findings } = runRule(secretsInEnv, yaml);
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      [
        '/spec/initContainers/0/env/0/valueFrom/secretKeyRef',
        'container "setup" reads secret "api" into env var "TOKEN"',
      ],
    ]);
  });
});
