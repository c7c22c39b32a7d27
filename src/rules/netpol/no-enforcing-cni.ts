import { defineClusterRule } from '../../engine/rule.js';
import { asArray } from '../../model/json.js';
import type { Resource } from '../../model/types.js';
import { workloadOf, type ContainerView } from '../../model/workload.js';
import { isCalicoResource, isKubernetesPolicy } from '../../analysis/netpol/policies.js';

/** DaemonSet names or images of network-policy engines. */
const ENFORCERS =
  /calico-node|cilium|canal|weave-net|weaveworks\/weave|kube-router|antrea-agent|antrea\/antrea|romana|kube-ovn/;

/** A container's image, or the empty string when it has none. */
function imageOf(c: ContainerView): string {
  return typeof c.spec.image === 'string' ? c.spec.image : '';
}

/** Whether a DaemonSet is the AWS VPC CNI, and whether its network-policy agent enforces policies. */
function awsNode(ds: Resource): { isAwsNode: boolean; enforcing: boolean; pointer: string } {
  const view = workloadOf(ds);
  const containers = view?.containers ?? [];
  const isAwsNode = ds.name === 'aws-node' || containers.some((c) => imageOf(c).includes('amazon-k8s-cni'));
  for (const c of containers) {
    const image = imageOf(c);
    if (
      c.name !== 'aws-network-policy-agent' &&
      c.name !== 'aws-eks-nodeagent' &&
      !image.includes('aws-network-policy-agent')
    )
      continue;
    // The agent's flag parser keeps the last occurrence of a repeated flag.
    let enabled = false;
    let pointer = c.pointer;
    asArray(c.spec.args).forEach((arg, i) => {
      const m = typeof arg === 'string' ? /^--enable-network-policy(?:=(.*))?$/.exec(arg) : null;
      if (m) {
        enabled = m[1] === undefined || m[1] === 'true';
        pointer = `${c.pointer}/args/${i}`;
      }
    });
    return { isAwsNode, enforcing: enabled, pointer };
  }
  return { isAwsNode, enforcing: false, pointer: view?.podSpecPointer ?? '/spec' };
}

export default defineClusterRule({
  id: 'netpol/no-enforcing-cni',
  meta: {
    title: 'Network policies present but no CNI enforces them',
    description:
      'NetworkPolicy objects are accepted by the API server whether or not anything enforces them. The AWS VPC CNI (aws-node) enforces them only when its network-policy agent runs with `--enable-network-policy=true`, and Flannel never does; with neither Calico, Cilium nor another policy engine deployed, every policy in the input is silently inert.',
    remediation:
      'Enable the VPC CNI network-policy agent (`--enable-network-policy=true`, or `enableNetworkPolicy: "true"` in the vpc-cni add-on configuration), or deploy a policy engine such as Calico or Cilium.',
    severity: 'high',
    kinds: ['NetworkPolicy', 'GlobalNetworkPolicy', 'DaemonSet'],
    refs: { cis: ['5.3.1'] },
    presets: ['recommended'],
    options: {},
    messages: {
      awsNode:
        '{{count}} network policies are in the input, but aws-node runs without its network-policy agent enabled and no other policy engine is deployed',
      flannel:
        '{{count}} network policies are in the input, but Flannel does not enforce network policies and no policy engine is deployed',
    },
    notes:
      'The rule fires only when the input contains the CNI DaemonSet itself (aws-node, or kube-flannel) so that its configuration is known; manifests without any CNI are not judged. Engines recognised by DaemonSet name or image: Calico (calico-node, canal), Cilium, Weave Net, kube-router, Antrea, Romana, Kube-OVN. For aws-node, the agent container is `aws-network-policy-agent` (or `aws-eks-nodeagent`) and the last `--enable-network-policy` flag decides.',
  },
  check({ index, report }) {
    const policies = [...index.ofKind('NetworkPolicy'), ...index.ofKind('GlobalNetworkPolicy')].filter(
      (r) => isKubernetesPolicy(r) || isCalicoResource(r),
    );
    if (policies.length === 0) return;
    const daemonSets = index.ofKind('DaemonSet');
    const enforcer = daemonSets.some((ds) => {
      if (ENFORCERS.test(ds.name)) return true;
      const aws = awsNode(ds);
      if (aws.isAwsNode && aws.enforcing) return true;
      return (workloadOf(ds)?.containers ?? []).some((c) => ENFORCERS.test(imageOf(c)));
    });
    if (enforcer) return;
    for (const ds of daemonSets) {
      const aws = awsNode(ds);
      const images = (workloadOf(ds)?.containers ?? []).map(imageOf);
      const flannel = /flannel/.test(ds.name) || images.some((i) => /flannel/.test(i));
      if (!aws.isAwsNode && !flannel) continue;
      report({
        messageId: aws.isAwsNode ? 'awsNode' : 'flannel',
        resource: ds,
        path: aws.isAwsNode ? aws.pointer : (workloadOf(ds)?.podSpecPointer ?? '/spec'),
        data: { count: policies.length },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: aws-node, namespace: kube-system }
spec:
  template:
    spec:
      containers:
        - { name: aws-node, image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.0 }
        - name: aws-network-policy-agent
          image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.1.5
          args: [--enable-ipv6=false, --enable-network-policy=false]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: fire-inert, namespace: shop }
spec:
  podSelector: {}`,
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: kube-flannel-ds, namespace: kube-flannel }
spec:
  template:
    spec:
      containers: [{ name: kube-flannel, image: docker.io/flannel/flannel:v0.26.1 }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: fire-inert, namespace: shop }
spec:
  podSelector: {}`,
    ],
    pass: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: aws-node, namespace: kube-system }
spec:
  template:
    spec:
      containers:
        - { name: aws-node, image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.0 }
        - name: aws-network-policy-agent
          image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.1.5
          args: [--enable-network-policy=false, --enable-network-policy=true]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: dont-fire, namespace: shop }
spec:
  podSelector: {}`,
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: aws-node, namespace: kube-system }
spec:
  template:
    spec:
      containers: [{ name: aws-node, image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.0 }]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: calico-node, namespace: calico-system }
spec:
  template:
    spec:
      containers: [{ name: calico-node, image: quay.io/calico/node:v3.29.0 }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: dont-fire, namespace: shop }
spec:
  podSelector: {}`,
    ],
  },
});
