import { describe, expect, it } from 'vitest';
import { loadText } from '../load/documents.js';
import { capabilitiesOf, capabilityGrant, dropsAll, normalizeCapability } from './capabilities.js';
import { workloadOf } from './workload.js';

function firstContainer(securityContext: string) {
  const { resources } = loadText(
    `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: ${securityContext}`,
    { file: 'x.yaml' },
  );
  const container = workloadOf(resources[0]!)?.containers[0];
  if (!container) throw new Error('no container');
  return capabilitiesOf(container);
}

describe('normalizeCapability', () => {
  it('upper-cases and strips CAP_, as the runtimes read names', () => {
    expect(normalizeCapability('net_admin')).toBe('NET_ADMIN');
    expect(normalizeCapability('CAP_SYS_ADMIN')).toBe('SYS_ADMIN');
    expect(normalizeCapability('cap_chown')).toBe('CHOWN');
    expect(normalizeCapability('all')).toBe('ALL');
  });

  it('does not turn CAP_ALL into ALL, which no runtime accepts', () => {
    expect(normalizeCapability('CAP_ALL')).toBe('CAP_ALL');
  });
});

describe('capabilitiesOf', () => {
  it('reads add and drop with pointers, skipping non-strings', () => {
    const caps = firstContainer('{ capabilities: { add: [NET_ADMIN, 7], drop: [all] } }');
    expect(caps.pointer).toBe('/spec/containers/0/securityContext/capabilities');
    expect(caps.add).toEqual([
      {
        raw: 'NET_ADMIN',
        name: 'NET_ADMIN',
        pointer: '/spec/containers/0/securityContext/capabilities/add/0',
      },
    ]);
    expect(caps.hasDrop).toBe(true);
    expect(dropsAll(caps)).toBe(true);
  });

  it('points at where capabilities would go when unset', () => {
    const caps = firstContainer('{}');
    expect(caps).toMatchObject({ hasAdd: false, hasDrop: false, add: [], drop: [] });
    expect(caps.pointer).toBe('/spec/containers/0/securityContext/capabilities');
  });
});

describe('capabilityGrant', () => {
  it('follows the runtime order: base set, named adds, then named drops', () => {
    expect(capabilityGrant(firstContainer('{}'), 'NET_RAW')).toBe('default');
    expect(capabilityGrant(firstContainer('{}'), 'NET_ADMIN')).toBeUndefined();
    expect(capabilityGrant(firstContainer('{ capabilities: { drop: [ALL] } }'), 'NET_RAW')).toBeUndefined();
    expect(
      capabilityGrant(firstContainer('{ capabilities: { drop: [ALL], add: [NET_RAW] } }'), 'NET_RAW'),
    ).toBe('added');
    expect(
      capabilityGrant(firstContainer('{ capabilities: { add: [NET_RAW], drop: [NET_RAW] } }'), 'NET_RAW'),
    ).toBeUndefined();
    expect(capabilityGrant(firstContainer('{ capabilities: { add: [ALL] } }'), 'SYS_MODULE')).toBe('all');
    expect(
      capabilityGrant(firstContainer('{ capabilities: { add: [ALL], drop: [ALL] } }'), 'SYS_MODULE'),
    ).toBeUndefined();
  });
});
