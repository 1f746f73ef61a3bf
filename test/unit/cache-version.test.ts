import { describe, expect, it } from 'vitest';
import { cacheVersion, versionName } from '../../src/io/facts-cache.js';

describe('the cache version', () => {
  const base = { yaml: '2.9.1', zod: '4.6.7', micromark: '4.0.3' };
  it('changes with okr’s version, the parser format and each parsing dependency’s version', () => {
    const name = versionName('0.1.0', 1, base);
    expect(name).toMatch(/^v\d+-0\.1\.0-[0-9a-f]{16}$/);
    expect(versionName('0.1.0', 1, { ...base })).toBe(name);
    expect(versionName('0.1.1', 1, base)).not.toBe(name);
    expect(versionName('0.1.0', 2, base)).not.toBe(name);
    for (const key of Object.keys(base)) expect(versionName('0.1.0', 1, { ...base, [key]: '9.9.9' })).not.toBe(name);
    expect(versionName('0.1.0', 1, { ...base, 'gray-matter': '4.0.3' })).not.toBe(name);
  });

  it('does not depend on where the code lies: it names versions, not files', () => {
    expect(cacheVersion()).toMatch(/^v\d+-\d+\.\d+\.\d+-[0-9a-f]{16}$/);
    expect(cacheVersion()).toBe(cacheVersion());
  });
});
