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

  it('is not read for rows that are not dpkg packages', () => {
    const data = structuredClone(sqliteKnowledge());
    data.distros['alpine-3.20'].fixedFromRevision = '3.45.3-r3';
    const knowledge = createKnowledge({}, { sqlite: () => data, imagePaths: imagePathData });
    expect(knowledge.isSystemSqliteFixed(knowledge.lookupImage('alpine:3.20'), '3.45.3')).toBe(false);
  });
});
