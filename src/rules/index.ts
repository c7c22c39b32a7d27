// DO NOT EDIT: generated from rule metadata by `npm run gen:docs`.
import type { AnyRule } from '../engine/rule.js';
import netpolAllowAll from './netpol/allow-all.js';
import netpolIngressNotIsolated from './netpol/ingress-not-isolated.js';
import netpolMetadataEgress from './netpol/metadata-egress.js';
import netpolNamespaceWithoutDefaultDeny from './netpol/namespace-without-default-deny.js';
import netpolNoEnforcingCni from './netpol/no-enforcing-cni.js';
import netpolPolicySelectsNothing from './netpol/policy-selects-nothing.js';
import pssAllowPrivilegeEscalation from './pss/allow-privilege-escalation.js';
import pssAppArmorProfile from './pss/app-armor-profile.js';
import pssCapabilitiesBaseline from './pss/capabilities-baseline.js';
import pssCapabilitiesRestricted from './pss/capabilities-restricted.js';
import pssHostNamespaces from './pss/host-namespaces.js';
import pssHostPathVolumes from './pss/host-path-volumes.js';
import pssHostPorts from './pss/host-ports.js';
import pssHostProbesAndHostLifecycle from './pss/host-probes-and-host-lifecycle.js';
import pssPrivileged from './pss/privileged.js';
import pssProcMount from './pss/proc-mount.js';
import pssProcMountRestricted from './pss/proc-mount-restricted.js';
import pssRestrictedVolumes from './pss/restricted-volumes.js';
import pssRunAsNonRoot from './pss/run-as-non-root.js';
import pssRunAsUser from './pss/run-as-user.js';
import pssSeLinuxOptions from './pss/se-linux-options.js';
import pssSeccompProfileBaseline from './pss/seccomp-profile-baseline.js';
import pssSeccompProfileRestricted from './pss/seccomp-profile-restricted.js';
import pssSysctls from './pss/sysctls.js';
import pssWindowsHostProcess from './pss/windows-host-process.js';
import rbacBindingsToSystemAnonymous from './rbac/bindings-to-system-anonymous.js';
import rbacBindingsToSystemAuthenticated from './rbac/bindings-to-system-authenticated.js';
import rbacClusterAdminBinding from './rbac/cluster-admin-binding.js';
import rbacCreatePersistentVolumes from './rbac/create-persistent-volumes.js';
import rbacCreatePods from './rbac/create-pods.js';
import rbacCsrApproval from './rbac/csr-approval.js';
import rbacDashboardPrivileged from './rbac/dashboard-privileged.js';
import rbacDefaultServiceAccount from './rbac/default-service-account.js';
import rbacEscalateBindImpersonate from './rbac/escalate-bind-impersonate.js';
import rbacNodesProxy from './rbac/nodes-proxy.js';
import rbacPodExec from './rbac/pod-exec.js';
import rbacSecretsRead from './rbac/secrets-read.js';
import rbacServiceAccountTokenCreate from './rbac/service-account-token-create.js';
import rbacUnresolvedRoleRef from './rbac/unresolved-role-ref.js';
import rbacWebhookConfigurationWrites from './rbac/webhook-configuration-writes.js';
import rbacWildcardRules from './rbac/wildcard-rules.js';
import workloadApparmorProfile from './workload/apparmor-profile.js';
import workloadApparmorUnconfined from './workload/apparmor-unconfined.js';
import workloadAutomountServiceAccountToken from './workload/automount-service-account-token.js';
import workloadCapabilitySysAdmin from './workload/capability-sys-admin.js';
import workloadContainerRuntimeSocket from './workload/container-runtime-socket.js';
import workloadCpuLimits from './workload/cpu-limits.js';
import workloadCpuRequests from './workload/cpu-requests.js';
import workloadDangerousCapabilities from './workload/dangerous-capabilities.js';
import workloadDefaultServiceAccount from './workload/default-service-account.js';
import workloadDeprecatedServiceAccountField from './workload/deprecated-service-account-field.js';
import workloadDropAllCapabilities from './workload/drop-all-capabilities.js';
import workloadHardcodedSecretInEnv from './workload/hardcoded-secret-in-env.js';
import workloadHostAliases from './workload/host-aliases.js';
import workloadHostIpc from './workload/host-ipc.js';
import workloadHostNetwork from './workload/host-network.js';
import workloadHostPath from './workload/host-path.js';
import workloadHostPid from './workload/host-pid.js';
import workloadHostPort from './workload/host-port.js';
import workloadImageDigest from './workload/image-digest.js';
import workloadImagePullPolicy from './workload/image-pull-policy.js';
import workloadImageTag from './workload/image-tag.js';
import workloadLivenessProbe from './workload/liveness-probe.js';
import workloadLowGroupId from './workload/low-group-id.js';
import workloadLowUserId from './workload/low-user-id.js';
import workloadMemoryLimits from './workload/memory-limits.js';
import workloadMemoryRequests from './workload/memory-requests.js';
import workloadMissingSecurityContext from './workload/missing-security-context.js';
import workloadNetRawCapability from './workload/net-raw-capability.js';
import workloadPrivilegeEscalation from './workload/privilege-escalation.js';
import workloadPrivileged from './workload/privileged.js';
import workloadProcMount from './workload/proc-mount.js';
import workloadReadOnlyRootFilesystem from './workload/read-only-root-filesystem.js';
import workloadReadinessProbe from './workload/readiness-probe.js';
import workloadRestrictedVolumeTypes from './workload/restricted-volume-types.js';
import workloadRootGroup from './workload/root-group.js';
import workloadRunAsNonRoot from './workload/run-as-non-root.js';
import workloadSeccompProfile from './workload/seccomp-profile.js';
import workloadSeccompUnconfined from './workload/seccomp-unconfined.js';
import workloadSecretsInEnv from './workload/secrets-in-env.js';
import workloadSelinuxOptions from './workload/selinux-options.js';
import workloadSensitiveHostPath from './workload/sensitive-host-path.js';
import workloadSshPort from './workload/ssh-port.js';
import workloadUnsafeSysctls from './workload/unsafe-sysctls.js';
import workloadUserNamespace from './workload/user-namespace.js';
import workloadVolumeClaimAccessMode from './workload/volume-claim-access-mode.js';
import workloadVolumeClaimStorageRequest from './workload/volume-claim-storage-request.js';
import workloadWindowsHostProcess from './workload/windows-host-process.js';
import workloadWritableHostPath from './workload/writable-host-path.js';

/** Every rule of the catalog, sorted by id. */
export const rules: readonly AnyRule[] = [
  netpolAllowAll,
  netpolIngressNotIsolated,
  netpolMetadataEgress,
  netpolNamespaceWithoutDefaultDeny,
  netpolNoEnforcingCni,
  netpolPolicySelectsNothing,
  pssAllowPrivilegeEscalation,
  pssAppArmorProfile,
  pssCapabilitiesBaseline,
  pssCapabilitiesRestricted,
  pssHostNamespaces,
  pssHostPathVolumes,
  pssHostPorts,
  pssHostProbesAndHostLifecycle,
  pssPrivileged,
  pssProcMount,
  pssProcMountRestricted,
  pssRestrictedVolumes,
  pssRunAsNonRoot,
  pssRunAsUser,
  pssSeLinuxOptions,
  pssSeccompProfileBaseline,
  pssSeccompProfileRestricted,
  pssSysctls,
  pssWindowsHostProcess,
  rbacBindingsToSystemAnonymous,
  rbacBindingsToSystemAuthenticated,
  rbacClusterAdminBinding,
  rbacCreatePersistentVolumes,
  rbacCreatePods,
  rbacCsrApproval,
  rbacDashboardPrivileged,
  rbacDefaultServiceAccount,
  rbacEscalateBindImpersonate,
  rbacNodesProxy,
  rbacPodExec,
  rbacSecretsRead,
  rbacServiceAccountTokenCreate,
  rbacUnresolvedRoleRef,
  rbacWebhookConfigurationWrites,
  rbacWildcardRules,
  workloadApparmorProfile,
  workloadApparmorUnconfined,
  workloadAutomountServiceAccountToken,
  workloadCapabilitySysAdmin,
  workloadContainerRuntimeSocket,
  workloadCpuLimits,
  workloadCpuRequests,
  workloadDangerousCapabilities,
  workloadDefaultServiceAccount,
  workloadDeprecatedServiceAccountField,
  workloadDropAllCapabilities,
  workloadHardcodedSecretInEnv,
  workloadHostAliases,
  workloadHostIpc,
  workloadHostNetwork,
  workloadHostPath,
  workloadHostPid,
  workloadHostPort,
  workloadImageDigest,
  workloadImagePullPolicy,
  workloadImageTag,
  workloadLivenessProbe,
  workloadLowGroupId,
  workloadLowUserId,
  workloadMemoryLimits,
  workloadMemoryRequests,
  workloadMissingSecurityContext,
  workloadNetRawCapability,
  workloadPrivilegeEscalation,
  workloadPrivileged,
  workloadProcMount,
  workloadReadOnlyRootFilesystem,
  workloadReadinessProbe,
  workloadRestrictedVolumeTypes,
  workloadRootGroup,
  workloadRunAsNonRoot,
  workloadSeccompProfile,
  workloadSeccompUnconfined,
  workloadSecretsInEnv,
  workloadSelinuxOptions,
  workloadSensitiveHostPath,
  workloadSshPort,
  workloadUnsafeSysctls,
  workloadUserNamespace,
  workloadVolumeClaimAccessMode,
  workloadVolumeClaimStorageRequest,
  workloadWindowsHostProcess,
  workloadWritableHostPath,
];
