import type { FixVersions } from '../knowledge/fixed';
import type { Knowledge } from '../knowledge/knowledge';
import type { ImageKnowledge } from '../knowledge/lookup';
import { relatedAt } from '../source';
import type { RelatedLocation } from '../types';
import { assertFor } from './assert-line';
import type { Consumer } from './consumers';
import type { SqliteEvidence } from './evidence-types';

export function relatedEvidence(item: SqliteEvidence, message = 'evidence that the image uses SQLite'): RelatedLocation {
  return relatedAt(item.file, item.range, `${message}: ${item.description}`);
}

/** "Debian 13 (trixie)" or the .litelint.yaml key. */
export function describeBase(image: ImageKnowledge): string {
  if (image.distro) return image.distro.name;
  if (image.settingsKey) return `.litelint.yaml images: ${image.settingsKey}`;
  return 'its base';
}

/**
 * The RUN line that fails the build when the SQLite the detected runtime loads is older than the
 * fix, with the versions of the fixed range in force, for the final stage's package manager.
 */
export function assertLineFor(consumers: readonly Consumer[], image: ImageKnowledge | undefined, knowledge: Knowledge): string {
  return assertFor(consumers, image, knowledge);
}

/**
 * The fix that applies to a version: "3.51.3", or "3.50.7 on its line, 3.51.3" when a backport covers
 * the version's release line; the versions in force, `.litelint.yaml` overrides included.
 */
export function fixInForce(version: string, fix: FixVersions): string {
  const line = (text: string): string => text.split('.').slice(0, 2).join('.');
  const backport = fix.backports.find((span) => line(span.from) === line(version));
  return `${backport ? `${backport.from} on its line, ` : ''}${fix.minimum}`;
}
