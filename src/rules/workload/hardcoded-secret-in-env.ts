import { defineRule } from '../../engine/rule.js';
import { credentialValueKind, envVars, isCredentialName, isNonSecretValue } from '../../model/env.js';
import { joinPointer } from '../../model/json.js';

export default defineRule({
  id: 'workload/hardcoded-secret-in-env',
  meta: {
    title: 'Credential hard-coded in an environment variable',
    description:
      'A literal credential in a manifest is stored in plain text in Git, in rendered Helm output, in the object in etcd (which is not encrypted like Secrets can be) and is readable by anyone who may `get` the workload. It also cannot be rotated without a new deployment. Init and ephemeral containers count too.',
    remediation:
      'Move the value into a Secret (or an external secret store) and reference it, preferably as a mounted file; then rotate the credential, because the old value stays in the history.',
    severity: 'high',
    kinds: ['workload'],
    refs: {
      mitre: ['T1552.001'],
    },
    presets: ['recommended'],
    options: {
      allowNames: {
        type: 'string-list',
        default: [] as string[],
        description:
          'Environment variable names (case-insensitive) whose literal values are known not to be credentials; they are never reported by name (value patterns still apply).',
      },
    },
    messages: {
      name: 'container "{{container}}" sets credential-like env var "{{env}}" to a literal value',
      privateKey: 'container "{{container}}" env var "{{env}}" holds what looks like a private key',
      awsAccessKeyId:
        'container "{{container}}" env var "{{env}}" holds what looks like an AWS access key id',
      urlPassword: 'container "{{container}}" env var "{{env}}" holds a URL with an embedded password',
    },
    notes:
      'A literal `value` is reported when the value itself looks like a credential (a PEM private key, an AWS access key id, a URL with `user:password@`), or when the variable name contains a credential word (`password`, `passwd`, `passphrase`, `secret`, `token`, `api_key`/`apikey`, `access_key`, `private_key`, `credentials`, `pass`, `creds`) as a word or word suffix. Names that only describe a credential (ending in `_FILE`, `_PATH`, `_URL`, `_NAME`, `_ID`, `_TTL` …) and values that cannot be one (empty, `$(VAR)`/`${VAR}`/`{{ }}` references, booleans, numbers, file paths) are skipped. Messages name the variable, never the value. Values from `valueFrom` are reported by `workload/secrets-in-env` instead.',
  },
  check({ workload, options, report }) {
    const allowed = new Set(options.allowNames.map((n) => n.toLowerCase()));
    for (const container of workload?.containers ?? []) {
      for (const env of envVars(container)) {
        if (env.value === undefined) continue;
        const data = { container: container.name, env: env.name };
        const path = joinPointer(env.pointer, 'value');
        const kind = credentialValueKind(env.value);
        if (kind !== undefined) {
          report({ messageId: kind, path, container, data });
        } else if (
          !allowed.has(env.name.toLowerCase()) &&
          isCredentialName(env.name) &&
          !isNonSecretValue(env.value)
        ) {
          report({ messageId: 'name', path, container, data });
        }
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-password }
spec:
  template:
    spec:
      containers:
        - name: app
          image: team/app:1.0
          env:
            - { name: DB_PASSWORD, value: changeme }`,
      `apiVersion: v1
kind: Pod
metadata: { name: fire-value-patterns }
spec:
  containers:
    - name: app
      image: team/app:1.0
      env:
        - name: TLS_KEY_PEM
          value: |
            -----BEGIN PRIVATE KEY-----
            (key material elided)
        - { name: UPSTREAM_KEY, value: AKIAIOSFODNN7EXAMPLE }
        - { name: DATABASE_URL, value: "postgres://app:changeme@db:5432/app" }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-references }
spec:
  containers:
    - name: app
      image: team/app:1.0
      env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: { name: db, key: password }
        - { name: DB_PASSWORD_FILE, value: /run/secrets/db/password }
        - { name: DATABASE_URL, value: "postgres://app:$(DB_PASSWORD)@db:5432/app" }
        - { name: TOKEN_TTL, value: "3600" }
        - { name: TOKENIZERS_PARALLELISM, value: "false" }
        - { name: LOG_LEVEL, value: info }`,
    ],
  },
});
