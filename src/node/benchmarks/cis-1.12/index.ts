import { all, check, dflt, mode, NO_DEFAULT, owner, setting } from '../build.js';
import type { Benchmark, FileRef, SettingRef } from '../types.js';
import { kubeletChecks, kubeletFileChecks } from '../kubelet.js';

// CIS Kubernetes Benchmark v1.12.0, sections 1–4 (the node-level sections). Section 5 (policies) reads
// cluster objects, not a node; `kubeward scan` and the rbac rules cover it.

const API = 'kube-apiserver';
const KCM = 'kube-controller-manager';
const SCHED = 'kube-scheduler';

function apiFlag(flag: string, def = NO_DEFAULT(API, flag)): SettingRef {
  return { flag, default: def };
}

const ADMISSION_DEFAULT = dflt(
  [],
  'kube-apiserver enables only its default-on admission plugins when --enable-admission-plugins is unset ' +
    '(NodeRestriction, AlwaysPullImages, EventRateLimit, DenyServiceExternalIPs and AlwaysAdmit are not among them)',
);
const DISABLE_DEFAULT = dflt([], 'no admission plugin is disabled when --disable-admission-plugins is unset');
const AUTHZ_DEFAULT = dflt(['AlwaysAllow'], 'kube-apiserver --authorization-mode default AlwaysAllow');
// --authorization-config (structured authorization, GA in 1.32) excludes --authorization-mode: the modes
// are then the authorizer types listed in that file (in NodeFacts as the apiserver's `authorization`), not
// the flag default.
const AUTHZ: SettingRef = {
  flag: 'authorization-mode',
  supersededBy: 'authorization-config',
  default: AUTHZ_DEFAULT,
};
const PROFILING_DEFAULT = (c: string): ReturnType<typeof dflt> =>
  dflt('true', `${c} --profiling default true`);
const BIND_DEFAULT = (c: string): ReturnType<typeof dflt> =>
  dflt('0.0.0.0', `${c} --bind-address default 0.0.0.0`);

const manifest = (component: typeof API | typeof KCM | typeof SCHED | 'etcd'): FileRef => ({
  kind: 'manifest',
  component,
});

const ETCD_DATA_DIR: FileRef = {
  kind: 'flag-path',
  component: 'etcd',
  flag: 'data-dir',
  defaults: ['/var/lib/etcd'],
};

const SCHEDULER_KUBECONFIG: FileRef = {
  kind: 'flag-path',
  component: SCHED,
  flag: 'kubeconfig',
  defaults: ['/etc/kubernetes/scheduler.conf'],
};
const KCM_KUBECONFIG: FileRef = {
  kind: 'flag-path',
  component: KCM,
  flag: 'kubeconfig',
  defaults: ['/etc/kubernetes/controller-manager.conf'],
};
const ADMIN_CONFS: FileRef = {
  kind: 'paths',
  paths: ['/etc/kubernetes/admin.conf', '/etc/kubernetes/super-admin.conf'],
};
const PKI = ['/etc/kubernetes/pki', '/var/lib/rancher/k3s/server/tls', '/var/lib/rancher/rke2/server/tls'];
const CNI: FileRef = { kind: 'tree', dirs: ['/etc/cni/net.d', '/var/lib/cni/networks'] };

function etcdFlag(flag: string, def: ReturnType<typeof dflt> = NO_DEFAULT('etcd', flag)): SettingRef {
  return { flag, env: `ETCD_${flag.toUpperCase().replace(/-/g, '_')}`, default: def };
}

const FILE_FIX = (what: string, m: string): string =>
  `On the control-plane node, run chmod ${m} on ${what} (or a stricter mode).`;
const OWN_FIX = (what: string, who = 'root:root'): string =>
  `On the control-plane node, run chown ${who} ${what}.`;
const API_FIX = (what: string): string =>
  `Edit the kube-apiserver static pod manifest (/etc/kubernetes/manifests/kube-apiserver.yaml on kubeadm) and ${what}.`;
const KCM_FIX = (what: string): string =>
  `Edit the kube-controller-manager static pod manifest (/etc/kubernetes/manifests/kube-controller-manager.yaml on kubeadm) and ${what}.`;
const SCHED_FIX = (what: string): string =>
  `Edit the kube-scheduler static pod manifest (/etc/kubernetes/manifests/kube-scheduler.yaml on kubeadm) and ${what}.`;
const ETCD_FIX = (what: string): string =>
  `Edit the etcd static pod manifest (/etc/kubernetes/manifests/etcd.yaml on kubeadm) and ${what}.`;

const STRONG_CIPHERS_API = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
];

/** CIS Kubernetes Benchmark v1.12.0 (Kubernetes 1.32–1.34), sections 1–4. */
export const CIS_1_12: Benchmark = {
  id: 'cis-1.12',
  title: 'CIS Kubernetes Benchmark v1.12.0',
  kubernetesMinors: [32, 34],
  sections: [
    {
      id: '1',
      text: 'Control Plane Security Configuration',
      nodeType: 'master',
      groups: [
        {
          id: '1.1',
          text: 'Control Plane Node Configuration Files',
          checks: [
            check(
              '1.1.1',
              API,
              'Ensure that the API server pod specification file permissions are set to 600 or more restrictive',
              FILE_FIX('the kube-apiserver manifest', '600'),
              { test: mode(manifest(API), '600') },
            ),
            check(
              '1.1.2',
              API,
              'Ensure that the API server pod specification file ownership is set to root:root',
              OWN_FIX('the kube-apiserver manifest'),
              { test: owner(manifest(API)) },
            ),
            check(
              '1.1.3',
              KCM,
              'Ensure that the controller manager pod specification file permissions are set to 600 or more restrictive',
              FILE_FIX('the kube-controller-manager manifest', '600'),
              { test: mode(manifest(KCM), '600') },
            ),
            check(
              '1.1.4',
              KCM,
              'Ensure that the controller manager pod specification file ownership is set to root:root',
              OWN_FIX('the kube-controller-manager manifest'),
              { test: owner(manifest(KCM)) },
            ),
            check(
              '1.1.5',
              SCHED,
              'Ensure that the scheduler pod specification file permissions are set to 600 or more restrictive',
              FILE_FIX('the kube-scheduler manifest', '600'),
              { test: mode(manifest(SCHED), '600') },
            ),
            check(
              '1.1.6',
              SCHED,
              'Ensure that the scheduler pod specification file ownership is set to root:root',
              OWN_FIX('the kube-scheduler manifest'),
              { test: owner(manifest(SCHED)) },
            ),
            check(
              '1.1.7',
              'etcd',
              'Ensure that the etcd pod specification file permissions are set to 600 or more restrictive',
              FILE_FIX('the etcd manifest', '600'),
              { test: mode({ kind: 'manifest-dir', match: 'etcd' }, '600') },
            ),
            check(
              '1.1.8',
              'etcd',
              'Ensure that the etcd pod specification file ownership is set to root:root',
              OWN_FIX('the etcd manifest'),
              { test: owner({ kind: 'manifest-dir', match: 'etcd' }) },
            ),
            check(
              '1.1.9',
              'kubelet',
              'Ensure that the Container Network Interface file permissions are set to 600 or more restrictive',
              'Run chmod 600 on the CNI configuration files (for example /etc/cni/net.d/*).',
              { automated: false, test: mode(CNI, '600') },
            ),
            check(
              '1.1.10',
              'kubelet',
              'Ensure that the Container Network Interface file ownership is set to root:root',
              'Run chown root:root on the CNI configuration files (for example /etc/cni/net.d/*).',
              { automated: false, test: owner(CNI) },
            ),
            check(
              '1.1.11',
              'etcd',
              'Ensure that the etcd data directory permissions are set to 700 or more restrictive',
              'Find the data directory from etcd --data-dir and run chmod 700 on it.',
              { test: mode(ETCD_DATA_DIR, '700') },
            ),
            check(
              '1.1.12',
              'etcd',
              'Ensure that the etcd data directory ownership is set to etcd:etcd',
              'Find the data directory from etcd --data-dir and run chown etcd:etcd on it.',
              { test: owner(ETCD_DATA_DIR, 'etcd:etcd') },
            ),
            check(
              '1.1.13',
              API,
              'Ensure that the default administrative credential file permissions are set to 600',
              FILE_FIX('/etc/kubernetes/admin.conf and /etc/kubernetes/super-admin.conf', '600'),
              { test: mode(ADMIN_CONFS, '600') },
            ),
            check(
              '1.1.14',
              API,
              'Ensure that the default administrative credential file ownership is set to root:root',
              OWN_FIX('/etc/kubernetes/admin.conf and /etc/kubernetes/super-admin.conf'),
              { test: owner(ADMIN_CONFS) },
            ),
            check(
              '1.1.15',
              SCHED,
              'Ensure that the scheduler.conf file permissions are set to 600 or more restrictive',
              FILE_FIX('the kube-scheduler kubeconfig (/etc/kubernetes/scheduler.conf on kubeadm)', '600'),
              { test: mode(SCHEDULER_KUBECONFIG, '600') },
            ),
            check(
              '1.1.16',
              SCHED,
              'Ensure that the scheduler.conf file ownership is set to root:root',
              OWN_FIX('the kube-scheduler kubeconfig'),
              { test: owner(SCHEDULER_KUBECONFIG) },
            ),
            check(
              '1.1.17',
              KCM,
              'Ensure that the controller-manager.conf file permissions are set to 600 or more restrictive',
              FILE_FIX(
                'the kube-controller-manager kubeconfig (/etc/kubernetes/controller-manager.conf on kubeadm)',
                '600',
              ),
              { test: mode(KCM_KUBECONFIG, '600') },
            ),
            check(
              '1.1.18',
              KCM,
              'Ensure that the controller-manager.conf file ownership is set to root:root',
              OWN_FIX('the kube-controller-manager kubeconfig'),
              { test: owner(KCM_KUBECONFIG) },
            ),
            check(
              '1.1.19',
              API,
              'Ensure that the Kubernetes PKI directory and file ownership is set to root:root',
              'Run chown -R root:root /etc/kubernetes/pki/.',
              { test: owner({ kind: 'tree', dirs: PKI, dirsToo: true }) },
            ),
            check(
              '1.1.20',
              API,
              'Ensure that the Kubernetes PKI certificate file permissions are set to 644 or more restrictive',
              'Run chmod -R 644 /etc/kubernetes/pki/*.crt.',
              { automated: false, test: mode({ kind: 'tree', dirs: PKI, match: '\\.crt$' }, '644') },
            ),
            check(
              '1.1.21',
              API,
              'Ensure that the Kubernetes PKI key file permissions are set to 600',
              'Run chmod -R 600 /etc/kubernetes/pki/*.key.',
              { automated: false, test: mode({ kind: 'tree', dirs: PKI, match: '\\.key$' }, '600') },
            ),
          ],
        },
        {
          id: '1.2',
          text: 'API Server',
          checks: [
            check(
              '1.2.1',
              API,
              'Ensure that the --anonymous-auth argument is set to false',
              API_FIX('set --anonymous-auth=false'),
              {
                automated: false,
                test: setting(
                  apiFlag('anonymous-auth', dflt('true', 'kube-apiserver --anonymous-auth default true')),
                  { op: 'eq', value: 'false' },
                ),
              },
            ),
            check(
              '1.2.2',
              API,
              'Ensure that the --token-auth-file parameter is not set',
              API_FIX('remove --token-auth-file; use another authentication method'),
              { test: setting(apiFlag('token-auth-file'), { op: 'unset' }) },
            ),
            check(
              '1.2.3',
              API,
              'Ensure that the --DenyServiceExternalIPs is set',
              API_FIX('add DenyServiceExternalIPs to --enable-admission-plugins'),
              {
                automated: false,
                test: setting(apiFlag('enable-admission-plugins', ADMISSION_DEFAULT), {
                  op: 'has',
                  value: 'DenyServiceExternalIPs',
                }),
              },
            ),
            check(
              '1.2.4',
              API,
              'Ensure that the --kubelet-client-certificate and --kubelet-client-key arguments are set as appropriate',
              API_FIX(
                'set --kubelet-client-certificate and --kubelet-client-key to the client certificate and key the API server uses for kubelets',
              ),
              {
                test: all(
                  setting(apiFlag('kubelet-client-certificate'), { op: 'set' }),
                  setting(apiFlag('kubelet-client-key'), { op: 'set' }),
                ),
              },
            ),
            check(
              '1.2.5',
              API,
              'Ensure that the --kubelet-certificate-authority argument is set as appropriate',
              API_FIX(
                'set --kubelet-certificate-authority to the CA that signs the kubelet serving certificates',
              ),
              { test: setting(apiFlag('kubelet-certificate-authority'), { op: 'set' }) },
            ),
            check(
              '1.2.6',
              API,
              'Ensure that the --authorization-mode argument is not set to AlwaysAllow',
              API_FIX('set --authorization-mode to values other than AlwaysAllow, for example Node,RBAC'),
              {
                test: setting(AUTHZ, {
                  op: 'nothave',
                  value: 'AlwaysAllow',
                }),
              },
            ),
            check(
              '1.2.7',
              API,
              'Ensure that the --authorization-mode argument includes Node',
              API_FIX('include Node in --authorization-mode'),
              { test: setting(AUTHZ, { op: 'has', value: 'Node' }) },
            ),
            check(
              '1.2.8',
              API,
              'Ensure that the --authorization-mode argument includes RBAC',
              API_FIX('include RBAC in --authorization-mode'),
              { test: setting(AUTHZ, { op: 'has', value: 'RBAC' }) },
            ),
            check(
              '1.2.9',
              API,
              'Ensure that the admission control plugin EventRateLimit is set',
              API_FIX(
                'add EventRateLimit to --enable-admission-plugins and configure it with --admission-control-config-file',
              ),
              {
                automated: false,
                test: setting(apiFlag('enable-admission-plugins', ADMISSION_DEFAULT), {
                  op: 'has',
                  value: 'EventRateLimit',
                }),
              },
            ),
            check(
              '1.2.10',
              API,
              'Ensure that the admission control plugin AlwaysAdmit is not set',
              API_FIX('remove AlwaysAdmit from --enable-admission-plugins'),
              {
                test: setting(apiFlag('enable-admission-plugins', ADMISSION_DEFAULT), {
                  op: 'nothave',
                  value: 'AlwaysAdmit',
                }),
              },
            ),
            check(
              '1.2.11',
              API,
              'Ensure that the admission control plugin AlwaysPullImages is set',
              API_FIX('add AlwaysPullImages to --enable-admission-plugins'),
              {
                automated: false,
                test: setting(apiFlag('enable-admission-plugins', ADMISSION_DEFAULT), {
                  op: 'has',
                  value: 'AlwaysPullImages',
                }),
              },
            ),
            check(
              '1.2.12',
              API,
              'Ensure that the admission control plugin ServiceAccount is set',
              API_FIX('remove ServiceAccount from --disable-admission-plugins'),
              {
                test: setting(apiFlag('disable-admission-plugins', DISABLE_DEFAULT), {
                  op: 'nothave',
                  value: 'ServiceAccount',
                }),
              },
            ),
            check(
              '1.2.13',
              API,
              'Ensure that the admission control plugin NamespaceLifecycle is set',
              API_FIX('remove NamespaceLifecycle from --disable-admission-plugins'),
              {
                test: setting(apiFlag('disable-admission-plugins', DISABLE_DEFAULT), {
                  op: 'nothave',
                  value: 'NamespaceLifecycle',
                }),
              },
            ),
            check(
              '1.2.14',
              API,
              'Ensure that the admission control plugin NodeRestriction is set',
              API_FIX(
                'add NodeRestriction to --enable-admission-plugins (and use --authorization-mode=Node)',
              ),
              {
                test: setting(apiFlag('enable-admission-plugins', ADMISSION_DEFAULT), {
                  op: 'has',
                  value: 'NodeRestriction',
                }),
              },
            ),
            check(
              '1.2.15',
              API,
              'Ensure that the --profiling argument is set to false',
              API_FIX('set --profiling=false'),
              { test: setting(apiFlag('profiling', PROFILING_DEFAULT(API)), { op: 'eq', value: 'false' }) },
            ),
            check(
              '1.2.16',
              API,
              'Ensure that the --audit-log-path argument is set',
              API_FIX('set --audit-log-path to a file for the audit log'),
              { test: setting(apiFlag('audit-log-path'), { op: 'set' }) },
            ),
            check(
              '1.2.17',
              API,
              'Ensure that the --audit-log-maxage argument is set to 30 or as appropriate',
              API_FIX('set --audit-log-maxage=30 or more'),
              {
                test: setting(
                  apiFlag(
                    'audit-log-maxage',
                    dflt('0', 'kube-apiserver --audit-log-maxage default 0 (no age limit is kept)'),
                  ),
                  { op: 'gte', value: 30 },
                ),
              },
            ),
            check(
              '1.2.18',
              API,
              'Ensure that the --audit-log-maxbackup argument is set to 10 or as appropriate',
              API_FIX('set --audit-log-maxbackup=10 or more'),
              {
                test: setting(
                  apiFlag('audit-log-maxbackup', dflt('0', 'kube-apiserver --audit-log-maxbackup default 0')),
                  { op: 'gte', value: 10 },
                ),
              },
            ),
            check(
              '1.2.19',
              API,
              'Ensure that the --audit-log-maxsize argument is set to 100 or as appropriate',
              API_FIX('set --audit-log-maxsize=100 or more (MB)'),
              {
                test: setting(
                  apiFlag('audit-log-maxsize', dflt('0', 'kube-apiserver --audit-log-maxsize default 0')),
                  { op: 'gte', value: 100 },
                ),
              },
            ),
            check(
              '1.2.20',
              API,
              'Ensure that the --request-timeout argument is set as appropriate',
              API_FIX('set --request-timeout only when the default of 60s is not appropriate'),
              { automated: false },
            ),
            check(
              '1.2.21',
              API,
              'Ensure that the --service-account-lookup argument is set to true',
              API_FIX('set --service-account-lookup=true or remove it'),
              {
                test: setting(
                  apiFlag(
                    'service-account-lookup',
                    dflt('true', 'kube-apiserver --service-account-lookup default true'),
                  ),
                  { op: 'eq', value: 'true' },
                ),
              },
            ),
            check(
              '1.2.22',
              API,
              'Ensure that the --service-account-key-file argument is set as appropriate',
              API_FIX(
                'set --service-account-key-file to the public key that verifies service account tokens',
              ),
              { test: setting(apiFlag('service-account-key-file'), { op: 'set' }) },
            ),
            check(
              '1.2.23',
              API,
              'Ensure that the --etcd-certfile and --etcd-keyfile arguments are set as appropriate',
              API_FIX('set --etcd-certfile and --etcd-keyfile to the client certificate and key for etcd'),
              {
                test: all(
                  setting(apiFlag('etcd-certfile'), { op: 'set' }),
                  setting(apiFlag('etcd-keyfile'), { op: 'set' }),
                ),
              },
            ),
            check(
              '1.2.24',
              API,
              'Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate',
              API_FIX('set --tls-cert-file and --tls-private-key-file'),
              {
                test: all(
                  setting(apiFlag('tls-cert-file'), { op: 'set' }),
                  setting(apiFlag('tls-private-key-file'), { op: 'set' }),
                ),
              },
            ),
            check(
              '1.2.25',
              API,
              'Ensure that the --client-ca-file argument is set as appropriate',
              API_FIX('set --client-ca-file to the client certificate authority'),
              { test: setting(apiFlag('client-ca-file'), { op: 'set' }) },
            ),
            check(
              '1.2.26',
              API,
              'Ensure that the --etcd-cafile argument is set as appropriate',
              API_FIX('set --etcd-cafile to the etcd certificate authority'),
              { test: setting(apiFlag('etcd-cafile'), { op: 'set' }) },
            ),
            check(
              '1.2.27',
              API,
              'Ensure that the --encryption-provider-config argument is set as appropriate',
              API_FIX('set --encryption-provider-config to an EncryptionConfiguration file'),
              { automated: false, test: setting(apiFlag('encryption-provider-config'), { op: 'set' }) },
            ),
            check(
              '1.2.28',
              API,
              'Ensure that encryption providers are appropriately configured',
              'In the EncryptionConfiguration file, list aescbc, kms or secretbox as the first provider.',
              { automated: false },
            ),
            check(
              '1.2.29',
              API,
              'Ensure that the API Server only makes use of Strong Cryptographic Ciphers',
              API_FIX(`set --tls-cipher-suites to a subset of ${STRONG_CIPHERS_API.join(',')}`),
              {
                automated: false,
                test: setting(
                  apiFlag(
                    'tls-cipher-suites',
                    dflt(
                      null,
                      'kube-apiserver uses Go’s default cipher suites when --tls-cipher-suites is unset',
                    ),
                  ),
                  { op: 'subset', values: STRONG_CIPHERS_API },
                ),
              },
            ),
            check(
              '1.2.30',
              API,
              'Ensure that the --service-account-extend-token-expiration parameter is set to false',
              API_FIX('set --service-account-extend-token-expiration=false'),
              {
                test: setting(
                  apiFlag(
                    'service-account-extend-token-expiration',
                    dflt('true', 'kube-apiserver --service-account-extend-token-expiration default true'),
                  ),
                  { op: 'eq', value: 'false' },
                ),
              },
            ),
          ],
        },
        {
          id: '1.3',
          text: 'Controller Manager',
          checks: [
            check(
              '1.3.1',
              KCM,
              'Ensure that the --terminated-pod-gc-threshold argument is set as appropriate',
              KCM_FIX('set --terminated-pod-gc-threshold to an appropriate value, for example 10'),
              {
                automated: false,
                test: setting(
                  {
                    flag: 'terminated-pod-gc-threshold',
                    default: dflt(
                      null,
                      'kube-controller-manager keeps 12500 terminated pods when --terminated-pod-gc-threshold is unset; the benchmark asks for an explicit value',
                    ),
                  },
                  { op: 'set' },
                ),
              },
            ),
            check(
              '1.3.2',
              KCM,
              'Ensure that the --profiling argument is set to false',
              KCM_FIX('set --profiling=false'),
              {
                test: setting(
                  { flag: 'profiling', default: PROFILING_DEFAULT(KCM) },
                  { op: 'eq', value: 'false' },
                ),
              },
            ),
            check(
              '1.3.3',
              KCM,
              'Ensure that the --use-service-account-credentials argument is set to true',
              KCM_FIX('set --use-service-account-credentials=true'),
              {
                test: setting(
                  {
                    flag: 'use-service-account-credentials',
                    default: dflt(
                      'false',
                      'kube-controller-manager --use-service-account-credentials default false',
                    ),
                  },
                  { op: 'eq', value: 'true' },
                ),
              },
            ),
            check(
              '1.3.4',
              KCM,
              'Ensure that the --service-account-private-key-file argument is set as appropriate',
              KCM_FIX('set --service-account-private-key-file to the service account signing key'),
              {
                test: setting(
                  {
                    flag: 'service-account-private-key-file',
                    default: NO_DEFAULT(KCM, 'service-account-private-key-file'),
                  },
                  { op: 'set' },
                ),
              },
            ),
            check(
              '1.3.5',
              KCM,
              'Ensure that the --root-ca-file argument is set as appropriate',
              KCM_FIX('set --root-ca-file to the cluster CA certificate'),
              {
                test: setting(
                  { flag: 'root-ca-file', default: NO_DEFAULT(KCM, 'root-ca-file') },
                  { op: 'set' },
                ),
              },
            ),
            check(
              '1.3.6',
              KCM,
              'Ensure that the RotateKubeletServerCertificate argument is set to true',
              KCM_FIX('remove RotateKubeletServerCertificate=false from --feature-gates'),
              {
                test: setting(
                  {
                    flag: 'feature-gates',
                    featureGate: 'RotateKubeletServerCertificate',
                    default: dflt('true', 'feature gate RotateKubeletServerCertificate default true'),
                  },
                  { op: 'eq', value: 'true' },
                ),
              },
            ),
            check(
              '1.3.7',
              KCM,
              'Ensure that the --bind-address argument is set to 127.0.0.1',
              KCM_FIX('set --bind-address=127.0.0.1'),
              {
                test: setting(
                  { flag: 'bind-address', default: BIND_DEFAULT(KCM) },
                  { op: 'eq', value: '127.0.0.1' },
                ),
              },
            ),
          ],
        },
        {
          id: '1.4',
          text: 'Scheduler',
          checks: [
            check(
              '1.4.1',
              SCHED,
              'Ensure that the --profiling argument is set to false',
              SCHED_FIX('set --profiling=false'),
              {
                test: setting(
                  { flag: 'profiling', default: PROFILING_DEFAULT(SCHED) },
                  { op: 'eq', value: 'false' },
                ),
              },
            ),
            check(
              '1.4.2',
              SCHED,
              'Ensure that the --bind-address argument is set to 127.0.0.1',
              SCHED_FIX('set --bind-address=127.0.0.1'),
              {
                test: setting(
                  { flag: 'bind-address', default: BIND_DEFAULT(SCHED) },
                  { op: 'eq', value: '127.0.0.1' },
                ),
              },
            ),
          ],
        },
      ],
    },
    {
      id: '2',
      text: 'Etcd Node Configuration',
      nodeType: 'etcd',
      groups: [
        {
          id: '2',
          text: 'Etcd Node Configuration',
          checks: [
            check(
              '2.1',
              'etcd',
              'Ensure that the --cert-file and --key-file arguments are set as appropriate',
              ETCD_FIX('set --cert-file and --key-file'),
              {
                test: all(
                  setting(etcdFlag('cert-file'), { op: 'set' }),
                  setting(etcdFlag('key-file'), { op: 'set' }),
                ),
              },
            ),
            check(
              '2.2',
              'etcd',
              'Ensure that the --client-cert-auth argument is set to true',
              ETCD_FIX('set --client-cert-auth=true'),
              {
                test: setting(
                  etcdFlag('client-cert-auth', dflt('false', 'etcd --client-cert-auth default false')),
                  { op: 'eq', value: 'true' },
                ),
              },
            ),
            check(
              '2.3',
              'etcd',
              'Ensure that the --auto-tls argument is not set to true',
              ETCD_FIX('remove --auto-tls or set it to false'),
              {
                test: setting(etcdFlag('auto-tls', dflt('false', 'etcd --auto-tls default false')), {
                  op: 'noteq',
                  value: 'true',
                }),
              },
            ),
            check(
              '2.4',
              'etcd',
              'Ensure that the --peer-cert-file and --peer-key-file arguments are set as appropriate',
              ETCD_FIX('set --peer-cert-file and --peer-key-file'),
              {
                test: all(
                  setting(etcdFlag('peer-cert-file'), { op: 'set' }),
                  setting(etcdFlag('peer-key-file'), { op: 'set' }),
                ),
              },
            ),
            check(
              '2.5',
              'etcd',
              'Ensure that the --peer-client-cert-auth argument is set to true',
              ETCD_FIX('set --peer-client-cert-auth=true'),
              {
                test: setting(
                  etcdFlag(
                    'peer-client-cert-auth',
                    dflt('false', 'etcd --peer-client-cert-auth default false'),
                  ),
                  { op: 'eq', value: 'true' },
                ),
              },
            ),
            check(
              '2.6',
              'etcd',
              'Ensure that the --peer-auto-tls argument is not set to true',
              ETCD_FIX('remove --peer-auto-tls or set it to false'),
              {
                test: setting(
                  etcdFlag('peer-auto-tls', dflt('false', 'etcd --peer-auto-tls default false')),
                  { op: 'noteq', value: 'true' },
                ),
              },
            ),
            check(
              '2.7',
              'etcd',
              'Ensure that a unique Certificate Authority is used for etcd',
              ETCD_FIX('set --trusted-ca-file to a CA that is used only for etcd'),
              { level: 2, automated: false, test: setting(etcdFlag('trusted-ca-file'), { op: 'set' }) },
            ),
          ],
        },
      ],
    },
    {
      id: '3',
      text: 'Control Plane Configuration',
      nodeType: 'controlplane',
      groups: [
        {
          id: '3.1',
          text: 'Authentication and Authorization',
          checks: [
            check(
              '3.1.1',
              API,
              'Client certificate authentication should not be used for users',
              'Use OIDC or another external identity provider for users instead of client certificates.',
              { automated: false },
            ),
            check(
              '3.1.2',
              API,
              'Service account token authentication should not be used for users',
              'Use an external identity provider for users instead of service account tokens.',
              { automated: false },
            ),
            check(
              '3.1.3',
              API,
              'Bootstrap token authentication should not be used for users',
              'Use an external identity provider for users instead of bootstrap tokens.',
              { automated: false },
            ),
          ],
        },
        {
          id: '3.2',
          text: 'Logging',
          checks: [
            check(
              '3.2.1',
              API,
              'Ensure that a minimal audit policy is created',
              API_FIX('set --audit-policy-file to an audit policy'),
              { automated: false, test: setting(apiFlag('audit-policy-file'), { op: 'set' }) },
            ),
            check(
              '3.2.2',
              API,
              'Ensure that the audit policy covers key security concerns',
              'Review the audit policy: it should log access to Secrets, ConfigMaps and TokenReviews at Metadata level, and pod exec/attach/portforward.',
              { level: 2, automated: false },
            ),
          ],
        },
      ],
    },
    {
      id: '4',
      text: 'Worker Node Security Configuration',
      nodeType: 'node',
      groups: [
        {
          id: '4.1',
          text: 'Worker Node Configuration Files',
          checks: kubeletFileChecks('cis'),
        },
        {
          id: '4.2',
          text: 'Kubelet',
          checks: kubeletChecks('cis'),
        },
        {
          id: '4.3',
          text: 'kube-proxy',
          checks: [
            check(
              '4.3.1',
              'kube-proxy',
              'Ensure that the kube-proxy metrics service is bound to localhost',
              'Set metricsBindAddress in the kube-proxy config file to 127.0.0.1:10249 (--metrics-bind-address counts only when kube-proxy runs without --config).',
              {
                test: setting(
                  {
                    flag: 'metrics-bind-address',
                    config: 'metricsBindAddress',
                    default: dflt(
                      '127.0.0.1:10249',
                      'kube-proxy --metrics-bind-address default 127.0.0.1:10249',
                    ),
                  },
                  { op: 'loopback' },
                ),
              },
            ),
          ],
        },
      ],
    },
  ],
};
