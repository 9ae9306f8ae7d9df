import { describe, expect, it } from 'vitest';
import { defaultSettings, lint } from '../../src/index';
import { createKnowledge, imagePathData, setSqliteKnowledge, sqliteKnowledge, type SqliteKnowledge } from '../../src/knowledge';
import { assertFor } from '../../src/sqlite/assert-line';

// A trixie app: python:3.12-slim loads Debian 13's libsqlite3-0 (3.46.1-7+deb13u2 in the data).
const TRIXIE_APP = { path: 'Dockerfile', text: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n' };
const REQUIREMENTS = { path: 'requirements.txt', text: 'aiosqlite==0.21.0\n' };

/** The package's data with Debian 13 saying the fix was backported from `revision`. */
function withTrixieBackport(revision: string, packageVersion?: string): SqliteKnowledge {
  const data = structuredClone(sqliteKnowledge());
  data.distros['debian-13'].fixedFromRevision = revision;
  if (packageVersion) data.distros['debian-13'].packageVersion = packageVersion;
  return data;
}

function rulesFiring(data: SqliteKnowledge): string[] {
  const original = sqliteKnowledge();
  setSqliteKnowledge(data);
  try {
    return lint([TRIXIE_APP, REQUIREMENTS], { settings: defaultSettings() }).findings.map((finding) => finding.rule);
  } finally {
    setSqliteKnowledge(original);
  }
}

describe('a distribution revision that backported the fix', () => {
  it('is fixed once the package is at or past the revision (dpkg order: deb13u2 < deb13u10)', () => {
    const knowledge = createKnowledge({}, { sqlite: () => withTrixieBackport('3.46.1-7+deb13u2'), imagePaths: imagePathData });
    const image = knowledge.lookupImage('python:3.12-slim');
    expect(knowledge.isSystemSqliteFixed(image, '3.46.1')).toBe(true);
    const later = createKnowledge({}, { sqlite: () => withTrixieBackport('3.46.1-7+deb13u10'), imagePaths: imagePathData });
    expect(later.isSystemSqliteFixed(later.lookupImage('python:3.12-slim'), '3.46.1')).toBe(false);
  });

  it('silences distro-sqlite, and the suggested assert checks the package revision', () => {
    expect(rulesFiring(sqliteKnowledge())).toContain('distro-sqlite');
    const data = withTrixieBackport('3.46.1-7+deb13u3', '3.46.1-7+deb13u3');
    expect(rulesFiring(data)).not.toContain('distro-sqlite');
    const knowledge = createKnowledge({}, { sqlite: () => data, imagePaths: imagePathData });
    const image = knowledge.lookupImage('python:3.12-slim');
    const line = assertFor([{ runtime: 'cpython', sqlite: 'distro', evidence: [] }], image, knowledge);
    // A python version check would fail on the patched 3.46.1: the revision is the truth.
    expect(line).toBe("RUN dpkg --compare-versions \"$(dpkg-query -W -f='${Version}' libsqlite3-0)\" ge 3.46.1-7+deb13u3");
  });

  it('is read for apk rows in apk order (-r3 < -r10), and the assert reads the apk database, not dpkg', () => {
    // A test-only fixture: Alpine has not backported the fix into 3.45.3 (sqlite-libs 3.45.3-r3 in the data).
    const at = (revision: string): SqliteKnowledge => {
      const data = structuredClone(sqliteKnowledge());
      data.distros['alpine-3.20'].fixedFromRevision = revision;
      return data;
    };
    expect(createKnowledge().isSystemSqliteFixed(createKnowledge().lookupImage('python:3.12-alpine3.20'), '3.45.3')).toBe(false);
    const fixed = createKnowledge({}, { sqlite: () => at('3.45.3-r3'), imagePaths: imagePathData });
    const image = fixed.lookupImage('python:3.12-alpine3.20');
    expect(fixed.isSystemSqliteFixed(image, '3.45.3')).toBe(true);
    // dpkg would also order -r3 before -r10, but apk's -rN is a number: -r10 is later than -r3.
    const later = createKnowledge({}, { sqlite: () => at('3.45.3-r10'), imagePaths: imagePathData });
    expect(later.isSystemSqliteFixed(later.lookupImage('python:3.12-alpine3.20'), '3.45.3')).toBe(false);
    const line = assertFor([{ runtime: 'cpython', sqlite: 'distro', evidence: [] }], image, fixed);
    expect(line).toBe('RUN v="$(awk \'/^P:/ { p = substr($0, 3) } /^V:/ && p == "sqlite-libs" { print substr($0, 3) }\' /lib/apk/db/installed)" && test -n "$v" && test "$(apk version -t "$v" 3.45.3-r3)" != \'<\'');
    expect(line).not.toContain('dpkg');
  });

  it('is read for rpm rows in rpm order (el9_8 > el9_3), and the assert asks rpm', () => {
    const at = (revision: string): SqliteKnowledge => {
      const data = structuredClone(sqliteKnowledge());
      data.distros['rhel-9'].fixedFromRevision = revision;
      return data;
    };
    const ubi = 'registry.access.redhat.com/ubi9/python-312';
    const fixed = createKnowledge({}, { sqlite: () => at('3.34.1-11.el9_3'), imagePaths: imagePathData });
    expect(fixed.isSystemSqliteFixed(fixed.lookupImage(ubi), '3.34.1')).toBe(true);
    const later = createKnowledge({}, { sqlite: () => at('3.34.1-12.el9'), imagePaths: imagePathData });
    expect(later.isSystemSqliteFixed(later.lookupImage(ubi), '3.34.1')).toBe(false);
    const line = assertFor([{ runtime: 'cpython', sqlite: 'distro', evidence: [] }], fixed.lookupImage(ubi), fixed);
    expect(line).toBe("RUN test \"$(rpm --eval \"%{lua: print(rpm.vercmp('$(rpm -q --qf '%{VERSION}-%{RELEASE}' sqlite-libs)', '3.34.1-11.el9_3'))}\")\" != -1");
  });

  it('flips distro-sqlite on an Alpine and a UBI app', () => {
    const lintWith = (data: SqliteKnowledge, from: string): string[] => {
      const original = sqliteKnowledge();
      setSqliteKnowledge(data);
      try {
        const dockerfile = { path: 'Dockerfile', text: `FROM ${from}\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n` };
        return lint([dockerfile, REQUIREMENTS], { settings: defaultSettings() }).findings.map((finding) => finding.rule);
      } finally {
        setSqliteKnowledge(original);
      }
    };
    const alpine = structuredClone(sqliteKnowledge());
    expect(lintWith(alpine, 'python:3.12-alpine3.20')).toContain('distro-sqlite');
    alpine.distros['alpine-3.20'].fixedFromRevision = '3.45.3-r3';
    expect(lintWith(alpine, 'python:3.12-alpine3.20')).not.toContain('distro-sqlite');
    const rhel = structuredClone(sqliteKnowledge());
    const ubi = 'registry.access.redhat.com/ubi9/python-312';
    expect(lintWith(rhel, ubi)).toContain('distro-sqlite');
    rhel.distros['rhel-9'].fixedFromRevision = '3.34.1-11.el9_8';
    expect(lintWith(rhel, ubi)).not.toContain('distro-sqlite');
  });
});
