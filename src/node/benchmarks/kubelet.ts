import { check, dflt, mode, owner, setting } from './build.js';
import type { CheckDef, FileRef, SettingRef } from './types.js';

// Kubelet and kube-proxy checks shared by the CIS Kubernetes Benchmark (section 4) and the CIS Amazon EKS
// Benchmark (section 3), which number and score them differently.

type Flavour = 'cis' | 'eks';

const KUBELET_KUBECONFIG = (flavour: Flavour): FileRef => ({
  kind: 'flag-path',
  component: 'kubelet',
  flag: 'kubeconfig',
  defaults: flavour === 'eks' ? ['/var/lib/kubelet/kubeconfig'] : ['/etc/kubernetes/kubelet.conf'],
});
const KUBELET_CONFIG: FileRef = { kind: 'kubelet-config' };
const KUBELET_SERVICE: FileRef = { kind: 'kubelet-service' };
const PROXY_KUBECONFIG: FileRef = {
  kind: 'flag-path',
  component: 'kube-proxy',
  flag: 'kubeconfig',
  config: 'clientConnection.kubeconfig',
  defaults: ['/etc/kubernetes/proxy.conf'],
};
const CLIENT_CA: FileRef = {
  kind: 'flag-path',
  component: 'kubelet',
  flag: 'client-ca-file',
  config: 'authentication.x509.clientCAFile',
  defaults: ['/etc/kubernetes/pki/ca.crt'],
};

const KUBELET_FIX = (what: string): string =>
  `In the kubelet config file (the file named by --config), ${what}; if the matching command-line flag is set (systemd unit, drop-in or environment file), change or remove it too, since flags win over the file. Then restart the kubelet.`;

function kubeletSetting(flag: string, config: string | undefined, def: ReturnType<typeof dflt>): SettingRef {
  return config === undefined ? { flag, default: def } : { flag, config, default: def };
}

const ANONYMOUS = kubeletSetting(
  'anonymous-auth',
  'authentication.anonymous.enabled',
  dflt(
    'false',
    'KubeletConfiguration default authentication.anonymous.enabled=false (the --anonymous-auth flag defaults to true when the kubelet runs without a config file)',
    'true',
  ),
);
const AUTHZ = kubeletSetting(
  'authorization-mode',
  'authorization.mode',
  dflt(
    ['Webhook'],
    'KubeletConfiguration default authorization.mode=Webhook (the --authorization-mode flag defaults to AlwaysAllow without a config file)',
    ['AlwaysAllow'],
  ),
);
const CLIENT_CA_SETTING = kubeletSetting(
  'client-ca-file',
  'authentication.x509.clientCAFile',
  dflt(null, 'the kubelet has no client CA unless one is given'),
);
const READ_ONLY_PORT = kubeletSetting(
  'read-only-port',
  'readOnlyPort',
  dflt(
    '0',
    'KubeletConfiguration default readOnlyPort=0 (the --read-only-port flag defaults to 10255 without a config file)',
    '10255',
  ),
);
const STREAMING: SettingRef = {
  ...kubeletSetting(
    'streaming-connection-idle-timeout',
    'streamingConnectionIdleTimeout',
    dflt('4h0m0s', 'kubelet streamingConnectionIdleTimeout default 4h0m0s'),
  ),
  configZeroIsDefault: true,
};
const IPTABLES = kubeletSetting(
  'make-iptables-util-chains',
  'makeIPTablesUtilChains',
  dflt('true', 'kubelet makeIPTablesUtilChains default true'),
);
const EVENT_QPS = kubeletSetting(
  'event-qps',
  'eventRecordQPS',
  dflt('50', 'kubelet eventRecordQPS default 50'),
);
const ROTATE = kubeletSetting(
  'rotate-certificates',
  'rotateCertificates',
  // The kubelet's own default is false, but both benchmarks only ask that it is not set to false
  // ("not present or is set to true"), so an unset value passes.
  dflt(
    null,
    'not set (the kubelet then does not rotate its client certificate; the benchmark accepts an unset value)',
  ),
);
const ROTATE_SERVER: SettingRef = {
  flag: 'feature-gates',
  config: 'featureGates.RotateKubeletServerCertificate',
  featureGate: 'RotateKubeletServerCertificate',
  default: dflt('true', 'feature gate RotateKubeletServerCertificate default true'),
};

const STRONG_CIPHERS_KUBELET = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
];

/** Worker node configuration file checks: CIS 4.1.x or EKS 3.1.x. */
export function kubeletFileChecks(flavour: Flavour): CheckDef[] {
  if (flavour === 'eks') {
    return [
      check(
        '3.1.1',
        'kubelet',
        'Ensure that the kubeconfig file permissions are set to 644 or more restrictive',
        'Run chmod 644 on the kubelet kubeconfig (/var/lib/kubelet/kubeconfig on EKS).',
        { test: mode(KUBELET_KUBECONFIG('eks'), '644') },
      ),
      check(
        '3.1.2',
        'kubelet',
        'Ensure that the kubelet kubeconfig file ownership is set to root:root',
        'Run chown root:root on the kubelet kubeconfig (/var/lib/kubelet/kubeconfig on EKS).',
        { test: owner(KUBELET_KUBECONFIG('eks')) },
      ),
      check(
        '3.1.3',
        'kubelet',
        'Ensure that the kubelet configuration file has permissions set to 644 or more restrictive',
        'Run chmod 644 on the kubelet config file (the file named by --config).',
        { test: mode(KUBELET_CONFIG, '644') },
      ),
      check(
        '3.1.4',
        'kubelet',
        'Ensure that the kubelet configuration file ownership is set to root:root',
        'Run chown root:root on the kubelet config file (the file named by --config).',
        { test: owner(KUBELET_CONFIG) },
      ),
    ];
  }
  return [
    check(
      '4.1.1',
      'kubelet',
      'Ensure that the kubelet service file permissions are set to 600 or more restrictive',
      'Run chmod 600 on the kubelet systemd unit and its drop-ins (for example /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf).',
      { test: mode(KUBELET_SERVICE, '600') },
    ),
    check(
      '4.1.2',
      'kubelet',
      'Ensure that the kubelet service file ownership is set to root:root',
      'Run chown root:root on the kubelet systemd unit and its drop-ins.',
      { test: owner(KUBELET_SERVICE) },
    ),
    check(
      '4.1.3',
      'kube-proxy',
      'If proxy kubeconfig file exists ensure permissions are set to 600 or more restrictive',
      'Run chmod 600 on the kube-proxy kubeconfig file.',
      { automated: false, test: mode(PROXY_KUBECONFIG, '600') },
    ),
    check(
      '4.1.4',
      'kube-proxy',
      'If proxy kubeconfig file exists ensure ownership is set to root:root',
      'Run chown root:root on the kube-proxy kubeconfig file.',
      { automated: false, test: owner(PROXY_KUBECONFIG) },
    ),
    check(
      '4.1.5',
      'kubelet',
      'Ensure that the --kubeconfig kubelet.conf file permissions are set to 600 or more restrictive',
      'Run chmod 600 on the kubelet kubeconfig (/etc/kubernetes/kubelet.conf on kubeadm).',
      { test: mode(KUBELET_KUBECONFIG('cis'), '600') },
    ),
    check(
      '4.1.6',
      'kubelet',
      'Ensure that the --kubeconfig kubelet.conf file ownership is set to root:root',
      'Run chown root:root on the kubelet kubeconfig (/etc/kubernetes/kubelet.conf on kubeadm).',
      { test: owner(KUBELET_KUBECONFIG('cis')) },
    ),
    check(
      '4.1.7',
      'kubelet',
      'Ensure that the certificate authorities file permissions are set to 644 or more restrictive',
      'Run chmod 644 on the file named by the kubelet client CA setting (authentication.x509.clientCAFile or --client-ca-file).',
      { automated: false, test: mode(CLIENT_CA, '644') },
    ),
    check(
      '4.1.8',
      'kubelet',
      'Ensure that the client certificate authorities file ownership is set to root:root',
      'Run chown root:root on the file named by the kubelet client CA setting.',
      { automated: false, test: owner(CLIENT_CA) },
    ),
    check(
      '4.1.9',
      'kubelet',
      'If the kubelet config.yaml configuration file is being used validate permissions set to 600 or more restrictive',
      'Run chmod 600 on the kubelet config file (the file named by --config, /var/lib/kubelet/config.yaml on kubeadm) and its drop-ins.',
      { test: mode(KUBELET_CONFIG, '600') },
    ),
    check(
      '4.1.10',
      'kubelet',
      'If the kubelet config.yaml configuration file is being used validate file ownership is set to root:root',
      'Run chown root:root on the kubelet config file and its drop-ins.',
      { test: owner(KUBELET_CONFIG) },
    ),
  ];
}

/** Kubelet setting checks: CIS 4.2.x or EKS 3.2.x. */
export function kubeletChecks(flavour: Flavour): CheckDef[] {
  const cis = flavour === 'cis';
  const id = (cisId: string, eksId: string): string => (cis ? cisId : eksId);
  const checks: CheckDef[] = [
    check(
      id('4.2.1', '3.2.1'),
      'kubelet',
      'Ensure that the Anonymous Auth is Not Enabled',
      KUBELET_FIX('set authentication.anonymous.enabled: false'),
      { test: setting(ANONYMOUS, { op: 'eq', value: 'false' }) },
    ),
    check(
      id('4.2.2', '3.2.2'),
      'kubelet',
      'Ensure that the --authorization-mode argument is not set to AlwaysAllow',
      KUBELET_FIX('set authorization.mode: Webhook'),
      { test: setting(AUTHZ, { op: 'nothave', value: 'AlwaysAllow' }) },
    ),
    check(
      id('4.2.3', '3.2.3'),
      'kubelet',
      'Ensure that a Client CA File is Configured',
      KUBELET_FIX('set authentication.x509.clientCAFile to the cluster CA certificate'),
      { test: setting(CLIENT_CA_SETTING, { op: 'set' }) },
    ),
    check(
      id('4.2.4', '3.2.4'),
      'kubelet',
      cis
        ? 'Verify that if defined, the --read-only-port argument is set to 0'
        : 'Ensure that the --read-only-port is disabled',
      KUBELET_FIX('set readOnlyPort: 0'),
      { automated: !cis, test: setting(READ_ONLY_PORT, { op: 'eq', value: '0' }) },
    ),
    check(
      id('4.2.5', '3.2.5'),
      'kubelet',
      'Ensure that the --streaming-connection-idle-timeout argument is not set to 0',
      KUBELET_FIX('set streamingConnectionIdleTimeout to a non-zero duration such as 4h0m0s'),
      { automated: !cis, test: setting(STREAMING, { op: 'nonzero-duration' }) },
    ),
    check(
      id('4.2.6', '3.2.6'),
      'kubelet',
      'Ensure that the --make-iptables-util-chains argument is set to true',
      KUBELET_FIX('set makeIPTablesUtilChains: true'),
      { test: setting(IPTABLES, { op: 'eq', value: 'true' }) },
    ),
  ];
  if (cis) {
    checks.push(
      check(
        '4.2.7',
        'kubelet',
        'Ensure that the --hostname-override argument is not set',
        'Remove --hostname-override from the kubelet command line (systemd unit, drop-in or environment file) and restart the kubelet.',
        {
          automated: false,
          test: setting(
            {
              flag: 'hostname-override',
              default: dflt(null, 'the kubelet uses the host name when --hostname-override is unset'),
            },
            { op: 'unset' },
          ),
        },
      ),
      check(
        '4.2.8',
        'kubelet',
        'Ensure that the eventRecordQPS argument is set to a level which ensures appropriate event capture',
        KUBELET_FIX('set eventRecordQPS to a value that captures the events you need (0 means unlimited)'),
        { automated: false, test: setting(EVENT_QPS, { op: 'gte', value: 0 }) },
      ),
      check(
        '4.2.9',
        'kubelet',
        'Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate',
        KUBELET_FIX('set tlsCertFile and tlsPrivateKeyFile (or use serverTLSBootstrap)'),
        {
          automated: false,
          test: {
            kind: 'all',
            of: [
              setting(
                kubeletSetting(
                  'tls-cert-file',
                  'tlsCertFile',
                  dflt(
                    null,
                    'the kubelet generates a self-signed serving certificate when tlsCertFile is unset',
                  ),
                ),
                { op: 'set' },
              ),
              setting(
                kubeletSetting(
                  'tls-private-key-file',
                  'tlsPrivateKeyFile',
                  dflt(
                    null,
                    'the kubelet generates a self-signed serving key when tlsPrivateKeyFile is unset',
                  ),
                ),
                { op: 'set' },
              ),
            ],
          },
        },
      ),
      check(
        '4.2.10',
        'kubelet',
        'Ensure that the --rotate-certificates argument is not set to false',
        KUBELET_FIX('set rotateCertificates: true'),
        { test: setting(ROTATE, { op: 'noteq', value: 'false' }) },
      ),
      check(
        '4.2.11',
        'kubelet',
        'Verify that the RotateKubeletServerCertificate argument is set to true',
        KUBELET_FIX('remove RotateKubeletServerCertificate: false from featureGates'),
        { automated: false, test: setting(ROTATE_SERVER, { op: 'eq', value: 'true' }) },
      ),
      check(
        '4.2.12',
        'kubelet',
        'Ensure that the Kubelet only makes use of Strong Cryptographic Ciphers',
        KUBELET_FIX(`set tlsCipherSuites to a subset of ${STRONG_CIPHERS_KUBELET.join(',')}`),
        {
          automated: false,
          test: setting(
            kubeletSetting(
              'tls-cipher-suites',
              'tlsCipherSuites',
              dflt(null, 'the kubelet uses Go’s default cipher suites when tlsCipherSuites is unset'),
            ),
            { op: 'subset', values: STRONG_CIPHERS_KUBELET },
          ),
        },
      ),
      check(
        '4.2.13',
        'kubelet',
        'Ensure that a limit is set on pod PIDs',
        KUBELET_FIX('set podPidsLimit to a positive number'),
        {
          automated: false,
          test: setting(
            kubeletSetting(
              'pod-max-pids',
              'podPidsLimit',
              dflt('-1', 'kubelet podPidsLimit default -1 (no limit)'),
            ),
            { op: 'gte', value: 1 },
          ),
        },
      ),
      check(
        '4.2.14',
        'kubelet',
        'Ensure that the --seccomp-default parameter is set to true',
        KUBELET_FIX('set seccompDefault: true'),
        {
          automated: false,
          test: setting(
            kubeletSetting(
              'seccomp-default',
              'seccompDefault',
              dflt('false', 'kubelet seccompDefault default false'),
            ),
            { op: 'eq', value: 'true' },
          ),
        },
      ),
    );
  } else {
    checks.push(
      check(
        '3.2.7',
        'kubelet',
        'Ensure that the --eventRecordQPS argument is set to 0 or a level which ensures appropriate event capture',
        KUBELET_FIX('set eventRecordQPS to 0 or a level that captures the events you need'),
        { test: setting(EVENT_QPS, { op: 'gte', value: 0 }) },
      ),
      check(
        '3.2.8',
        'kubelet',
        'Ensure that the --rotate-certificates argument is not present or is set to true',
        KUBELET_FIX('set rotateCertificates: true'),
        { test: setting(ROTATE, { op: 'noteq', value: 'false' }) },
      ),
      check(
        '3.2.9',
        'kubelet',
        'Ensure that the RotateKubeletServerCertificate argument is set to true',
        KUBELET_FIX('set featureGates.RotateKubeletServerCertificate: true or remove it'),
        { test: setting(ROTATE_SERVER, { op: 'eq', value: 'true' }) },
      ),
    );
  }
  return checks;
}
