import { check } from '../build.js';
import { kubeletChecks, kubeletFileChecks } from '../kubelet.js';
import type { Benchmark } from '../types.js';

// CIS Amazon EKS Benchmark v1.8.0, the sections a node can answer: 2 (control plane logging, which AWS
// runs, so both are manual) and 3 (worker nodes). Sections 4 (policies) and 5 (managed services) read
// cluster objects and AWS settings, not a node.

/** CIS Amazon EKS Benchmark v1.8.0 (EKS 1.32–1.34), sections 2–3. */
export const EKS_1_8: Benchmark = {
  id: 'eks-1.8',
  title: 'CIS Amazon Elastic Kubernetes Service (EKS) Benchmark v1.8.0',
  kubernetesMinors: [32, 34],
  sections: [
    {
      id: '2',
      text: 'Control Plane Configuration',
      nodeType: 'controlplane',
      groups: [
        {
          id: '2.1',
          text: 'Logging',
          checks: [
            check(
              '2.1.1',
              null,
              'Enable audit Logs',
              'Enable the api, audit and authenticator control plane log types of the EKS cluster (aws eks update-cluster-config --logging).',
              { automated: false },
            ),
            check(
              '2.1.2',
              null,
              'Ensure audit logs are collected and managed',
              'Send the EKS control plane logs to CloudWatch Logs (or another store) with a retention policy and alerting.',
              { automated: false },
            ),
          ],
        },
      ],
    },
    {
      id: '3',
      text: 'Worker Nodes',
      nodeType: 'node',
      groups: [
        { id: '3.1', text: 'Worker Node Configuration Files', checks: kubeletFileChecks('eks') },
        { id: '3.2', text: 'Kubelet', checks: kubeletChecks('eks') },
      ],
    },
  ],
};
