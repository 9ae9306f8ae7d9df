import { sqliteKnowledge } from '../knowledge/data';
import type { ImageKnowledge } from '../knowledge/lookup';
import { fileOfRange, relatedAt } from '../source';
import type { Range, RelatedLocation } from '../types';
import type { Consumer } from './consumers';
import type { SqliteEvidence } from './evidence-types';

/** `requirements.txt:3` */
export function where(item: { file: string; range: Range }): string {
  return `${fileOfRange(item.range)?.path ?? item.file}:${item.range.start.line}`;
}

/** "requirements.txt:3: requires aiosqlite" */
export function citeEvidence(item: SqliteEvidence): string {
  return `${where(item)}: ${item.description}`;
}

export function relatedEvidence(item: SqliteEvidence, message = 'evidence that the image uses SQLite'): RelatedLocation {
  return relatedAt(item.file, item.range, `${message}: ${item.description}`);
}

export function runtimeName(runtime: string): string {
  return sqliteKnowledge().runtimes[runtime]?.name ?? runtime;
}

/** "Debian 13 (trixie)" or the .litelint.yaml key. */
export function describeBase(image: ImageKnowledge): string {
  if (image.distro) return image.distro.name;
  if (image.settingsKey) return `.litelint.yaml images: ${image.settingsKey}`;
  return 'its base';
}

const DEBIAN_FAMILY_ASSERT = "RUN dpkg --compare-versions \"$(dpkg-query -W -f='${Version}' libsqlite3-0)\" ge 3.51.3";
const APK_ASSERT = "RUN apk info -v sqlite-libs | sed 's/^sqlite-libs-//' | awk -F. '{ exit !($1 > 3 || $2 > 51 || ($2 == 51 && $3 + 0 >= 3)) }'";

/** The RUN line that fails the build when the SQLite the detected runtime loads is older than the fix. */
export function assertLineFor(consumers: readonly Consumer[], image: ImageKnowledge | undefined): string {
  const runtimes = sqliteKnowledge().runtimes;
  const ordered = [...consumers].sort((a, b) => (a.sqlite === b.sqlite ? 0 : a.sqlite === 'distro' ? -1 : 1));
  for (const consumer of ordered) {
    const line = runtimes[consumer.runtime]?.assert;
    if (line) return line;
  }
  const imageLine = image?.runtime ? runtimes[image.runtime]?.assert : undefined;
  if (imageLine) return imageLine;
  if (image?.distroId?.startsWith('alpine') || image?.distroId === 'wolfi') return APK_ASSERT;
  return DEBIAN_FAMILY_ASSERT;
}

/** The sentence every WAL-reset message shares, worded so it neither hides nor overstates the bug. */
export function bugSentence(version: string, minimum: string): string {
  return `SQLite ${version} < ${minimum} has the WAL-reset corruption bug (rare: needs WAL mode and two or more connections checkpointing or writing at nearly the same moment; fixed in ${minimum}, backports 3.50.7 and 3.44.6)`;
}
