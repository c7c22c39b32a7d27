import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, effectiveTag, isMutableReference, parseImage } from './image.js';

describe('parseImage', () => {
  it.each([
    ['nginx', { repository: 'nginx' }],
    ['nginx:1.27', { repository: 'nginx', tag: '1.27' }],
    ['library/nginx:latest', { repository: 'library/nginx', tag: 'latest' }],
    [
      'registry.example.com/team/app:v2',
      { registry: 'registry.example.com', repository: 'team/app', tag: 'v2' },
    ],
    ['host:5000/app', { registry: 'host:5000', repository: 'app' }],
    ['host:5000/app:1.0', { registry: 'host:5000', repository: 'app', tag: '1.0' }],
    ['localhost/app:dev', { registry: 'localhost', repository: 'app', tag: 'dev' }],
    ['app@sha256:abc', { repository: 'app', digest: 'sha256:abc' }],
    [
      'host:5000/app:1.0@sha256:abc',
      { registry: 'host:5000', repository: 'app', tag: '1.0', digest: 'sha256:abc' },
    ],
  ])('parses %s', (raw, expected) => {
    expect(parseImage(raw)).toEqual({ raw, ...expected });
  });

  it('keeps a first component without a dot or port in the repository', () => {
    expect(parseImage('team/app:1')).toEqual({ raw: 'team/app:1', repository: 'team/app', tag: '1' });
  });

  it.each(['', '  ', '{{ .Values.image }}', 'repo/app:${TAG}', 'app:$(TAG)', 'a b'])(
    'returns undefined for %j',
    (raw) => {
      expect(parseImage(raw)).toBeUndefined();
    },
  );
});

describe('tag semantics', () => {
  const ref = (raw: string) => {
    const parsed = parseImage(raw);
    if (!parsed) throw new Error(raw);
    return parsed;
  };

  it('defaults the tag to latest only without a digest', () => {
    expect(effectiveTag(ref('nginx'))).toBe('latest');
    expect(effectiveTag(ref('nginx@sha256:abc'))).toBeUndefined();
    expect(effectiveTag(ref('nginx:1.27'))).toBe('1.27');
  });

  it('treats latest and untagged references as mutable unless pinned', () => {
    expect(isMutableReference(ref('nginx'))).toBe(true);
    expect(isMutableReference(ref('nginx:latest'))).toBe(true);
    expect(isMutableReference(ref('host:5000/nginx'))).toBe(true);
    expect(isMutableReference(ref('nginx:latest@sha256:abc'))).toBe(false);
    expect(isMutableReference(ref('nginx:1.27'))).toBe(false);
  });

  it('defaults the pull policy like the API server', () => {
    expect(defaultPullPolicy(ref('nginx'))).toBe('Always');
    expect(defaultPullPolicy(ref('nginx:latest'))).toBe('Always');
    expect(defaultPullPolicy(ref('nginx:latest@sha256:abc'))).toBe('Always');
    expect(defaultPullPolicy(ref('nginx@sha256:abc'))).toBe('IfNotPresent');
    expect(defaultPullPolicy(ref('nginx:1.27'))).toBe('IfNotPresent');
  });
});
