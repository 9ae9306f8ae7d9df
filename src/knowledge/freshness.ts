import type { SqliteKnowledge } from './types';

/** How old the knowledge may get before a run says so (as browserslist does for its data). */
export const STALE_AFTER_DAYS = 180;

const DAY = 24 * 60 * 60 * 1000;

/** The date each fact family was last checked against its sources (`asOfByFamily` of the data). */
export function familiesAsOf(data: SqliteKnowledge): Record<string, string> {
  return Object.fromEntries(Object.entries(data.asOfByFamily ?? {}).filter(([key]) => !key.startsWith('$')));
}

/**
 * One line for stderr when the oldest fact family is older than `maxDays` at `now`; undefined while
 * it is fresh or when the data records no dates. `now` is handed in so that no test depends on the clock.
 */
export function knowledgeAgeNotice(data: SqliteKnowledge, now: Date, maxDays = STALE_AFTER_DAYS): string | undefined {
  const families = Object.entries(familiesAsOf(data)).filter(([, date]) => !Number.isNaN(Date.parse(date)));
  if (families.length === 0) return undefined;
  const [family, oldest] = families.reduce((a, b) => (Date.parse(b[1]) < Date.parse(a[1]) ? b : a));
  const days = Math.floor((now.getTime() - Date.parse(oldest)) / DAY);
  if (days <= maxDays) return undefined;
  return `litelint: its SQLite knowledge is ${days} days old (${family} as of ${oldest}); update litelint, or check a verdict with --explain-image`;
}
