import { describe, expect, it } from 'vitest';
import { compareDebianVersions } from '../../src/knowledge/dpkg-version';

describe('compareDebianVersions (dpkg --compare-versions)', () => {
  // Each row: a < b, as dpkg orders them.
  it.each([
    ['3.46.1-7+deb13u2', '3.46.1-7+deb13u3'],
    ['3.46.1-7', '3.46.1-7+deb13u1'],
    ['3.46.1-7+deb13u9', '3.46.1-7+deb13u10'],
    ['3.46.1-7+deb13u3', '3.53.4-2'],
    ['3.40.1-2+deb12u2', '3.46.1-7'],
    ['3.45.1-1ubuntu2.8', '3.45.1-1ubuntu2.10'],
    ['3.46.1-9ubuntu0.3', '3.46.1-9ubuntu1'],
    ['1.0~rc1-1', '1.0-1'],
    ['1.0~~a', '1.0~'],
    ['1.0-1', '1.0a-1'],
    ['1.0a', '1.0+'],
    ['9.9', '1:0.1'],
    ['3.51.3', '3.51.3-1'],
    ['1.01', '1.2'],
  ])('%s < %s', (a, b) => {
    expect(compareDebianVersions(a, b)).toBe(-1);
    expect(compareDebianVersions(b, a)).toBe(1);
  });

  it.each([
    ['3.46.1-7+deb13u2', '3.46.1-7+deb13u2'],
    ['0:3.46.1-7', '3.46.1-7'],
    ['1.01-1', '1.1-1'],
  ])('%s = %s', (a, b) => {
    expect(compareDebianVersions(a, b)).toBe(0);
  });
});
