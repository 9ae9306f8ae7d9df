import { describe, expect, it } from 'vitest';
import { compareApkVersions } from '../../src/knowledge/apk-version';
import { compareRpmVersions, rpmvercmp } from '../../src/knowledge/rpm-version';

const SIGN = { '<': -1, '=': 0, '>': 1 } as const;

describe('compareApkVersions (apk version -t)', () => {
  // Rows from apk-tools' own test/version.data (alpinelinux/apk-tools), then Alpine sqlite-libs builds.
  it.each([
    ['2.34', '>', '0.1.0_alpha'],
    ['0.1.0_alpha2', '>', '0.1.0_alpha'],
    ['1.0.4-r3', '<', '1.0.4-r4'],
    ['1.1', '>', '1.1_alpha1'],
    ['1.2.1', '>', '1.2'],
    ['2.3.0b-r1', '<', '2.3.0b-r2'],
    ['3.10.18-r1', '>', '2.3.0b-r1'],
    ['3.1_p16', '<', '3.1_p17'],
    ['1.06-r6', '<', '006'],
    ['1.2.2-r1', '>', '1.2.2'],
    ['2.18.3-r10', '>', '1.05-r18'],
    ['1.3.5-r10', '>', '1.3.5-r8'],
    ['2.5.1-r8', '<', '2.5.1a-r1'],
    ['1.0', '>', '0.99.3.20040818'],
    ['3.0.20060720', '<', '20060720'],
    ['2.0.0_rc3-r1', '>', '1.5'],
    ['3.9_pre20060124', '>', '0.01'],
    ['0.10.0', '<', '0.10.1_rc1'],
    ['1.2.07.8', '<', '1.2.12.04'],
    ['4.01', '<', '4.20'],
    ['4.5_p1-r1', '>', '4.5_p1'],
    ['1.7', '<', '1.7b'],
    ['1.8.5', '<', '1.8.5_p2'],
    ['1.6.8_p12-r1', '>', '1.6.8_p9-r2'],
    ['0.9.28-r2', '<', '0.9.28.1'],
    ['104-r11', '>', '104-r9'],
    ['2.12r-r4', '<', '2.12r-r5'],
    ['1.3_pre1-r1', '<', '1.3.2'],
    ['1.0_p10-r0', '>', '1.0_p9-r0'],
    ['0.1.0_alpha_pre2', '<', '0.1.0_alpha'],
    ['1.0.0_pre20191002222144-r0', '<', '1.0.0_pre20210530193627-r0'],
    ['2.16.1-r3', '=', '2.16.1-r3'],
    ['1.0.0', '=', '1.0.0-r0'],
    // Alpine's sqlite-libs (pkgs.alpinelinux.org): a release bump, and the -r9 < -r10 trap.
    ['3.44.2-r0', '<', '3.44.2-r1'],
    ['3.45.3-r2', '<', '3.45.3-r10'],
    ['3.48.0-r4', '<', '3.49.2-r1'],
    ['3.53.2-r0', '<', '3.53.4-r0'],
  ] as const)('%s %s %s', (a, op, b) => {
    expect(compareApkVersions(a, b)).toBe(SIGN[op]);
    expect(compareApkVersions(b, a)).toBe(-SIGN[op] || 0);
  });
});

describe('rpmvercmp and compareRpmVersions (rpm)', () => {
  // Rows from rpm's tests/rpmvercmp.at (rpm-software-management/rpm).
  it.each([
    ['1.0', '<', '2.0'],
    ['2.0', '<', '2.0.1'],
    ['2.0.1a', '>', '2.0.1'],
    ['5.5p1', '<', '5.5p10'],
    ['10xyz', '<', '10.1xyz'],
    ['xyz.4', '<', '8'],
    ['6.0.rc1', '>', '6.0'],
    ['10b2', '>', '10a1'],
    ['1.0a', '<', '1.0aa'],
    ['10.0001', '=', '10.1'],
    ['4.999.9', '<', '5.0'],
    ['2.0', '=', '2_0'],
    ['a+', '=', 'a_'],
    ['1.0~rc1', '<', '1.0'],
    ['1.0~rc1~git123', '<', '1.0~rc1'],
    ['1.0^', '>', '1.0'],
    ['1.0^git1', '<', '1.01'],
  ] as const)('rpmvercmp(%s) %s %s', (a, op, b) => {
    expect(rpmvercmp(a, b)).toBe(SIGN[op]);
    expect(rpmvercmp(b, a)).toBe(-SIGN[op] || 0);
  });

  // epoch:version-release of sqlite-libs builds on Fedora, RHEL/UBI and Amazon Linux.
  it.each([
    ['3.46.1-5.el10', '<', '3.46.1-5.el10_1'],
    ['3.34.1-7.el9_3', '<', '3.34.1-11.el9_8'],
    ['3.26.0-19.el8_9', '<', '3.26.0-21.el8_10'],
    ['3.46.1-5.el10_1', '<', '3.46.1-6.el10'],
    ['3.47.2-2.fc42', '<', '3.47.2-2.fc43'],
    ['3.40.0-1.amzn2023.0.4', '<', '3.40.0-1.amzn2023.0.10'],
    ['3.7.17-8.amzn2.1', '<', '3.7.17-8.amzn2.1.1'],
    ['9.9-1', '<', '1:0.1-1'],
    ['0:3.46.1-5.el10_1', '=', '3.46.1-5.el10_1'],
    // A minimum without a release matches every release of that version, as an rpm requirement does.
    ['3.46.1-5.el10_1', '=', '3.46.1'],
  ] as const)('%s %s %s', (a, op, b) => {
    expect(compareRpmVersions(a, b)).toBe(SIGN[op]);
    expect(compareRpmVersions(b, a)).toBe(-SIGN[op] || 0);
  });
});
