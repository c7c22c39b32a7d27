import { defineRule } from '../../engine/rule.js';
import { envFromSources, envVars, secretKeyRefOf } from '../../model/env.js';
import { joinPointer } from '../../model/json.js';

export default defineRule({
  id: 'workload/secrets-in-env',
  meta: {
    title: 'Secret exposed as environment variable',
    description:
      'Secrets passed as environment variables are visible to every process of the container and its children, are commonly dumped in crash reports, debug endpoints and logs, can be read from `/proc/<pid>/environ` by anyone sharing the process namespace, and are not updated when the Secret changes. Init and ephemeral containers count too.',
    remediation:
      'Mount the Secret as a volume (`secret` or `projected`) and have the application read the file, or fetch it at run time from a secret store (for example the Secrets Store CSI driver).',
    severity: 'medium',
    kinds: ['workload'],
    refs: {
      cis: ['5.4.1'],
      mitre: ['T1552'],
      kubesec: ['SecretsAsEnvironmentVariables'],
    },
    presets: ['strict', 'cis'],
    options: {},
    messages: {
      secretKeyRef: 'container "{{container}}" reads secret "{{secret}}" into env var "{{env}}"',
      secretRef: 'container "{{container}}" loads every key of secret "{{secret}}" into its environment',
    },
    notes:
      'Both forms are reported: `env[].valueFrom.secretKeyRef` and `envFrom[].secretRef`, in regular, init and ephemeral containers, on every pod-bearing kind (kubesec checks the same fields but only on some kinds). Only names are shown, never values. Many applications can only read configuration from the environment, so this rule is in the `strict` and `cis` presets rather than `recommended`.',
  },
  check({ workload, report }) {
    for (const container of workload?.containers ?? []) {
      for (const env of envVars(container)) {
        const ref = secretKeyRefOf(env);
        if (!ref) continue;
        report({
          messageId: 'secretKeyRef',
          path: ref.pointer,
          container,
          data: { container: container.name, secret: ref.secret ?? '?', env: env.name },
        });
      }
      for (const source of envFromSources(container)) {
        if (!source.secretRef) continue;
        const name = source.secretRef.name;
        report({
          messageId: 'secretRef',
          path: joinPointer(source.pointer, 'secretRef'),
          container,
          data: { container: container.name, secret: typeof name === 'string' ? name : '?' },
        });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-secret-key-ref }
spec:
  template:
    spec:
      containers:
        - name: app
          image: team/app:1.0
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: { name: db, key: password }`,
      `apiVersion: batch/v1
kind: Job
metadata: { name: fire-env-from }
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: team/migrate:1.0
          envFrom:
            - secretRef: { name: db }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-volume }
spec:
  containers:
    - name: app
      image: team/app:1.0
      env:
        - name: DB_PASSWORD_FILE
          value: /run/secrets/db/password
      envFrom:
        - configMapRef: { name: app-config }
      volumeMounts:
        - { name: db, mountPath: /run/secrets/db, readOnly: true }
  volumes:
    - name: db
      secret: { secretName: db }`,
    ],
  },
});
