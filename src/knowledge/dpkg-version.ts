import { splitPackageVersion } from './package-version-parts';

/**
 * Debian package version comparison, as `dpkg --compare-versions` does it (Debian Policy §5.6.12):
 * `[epoch:]upstream[-revision]`; epochs compare as numbers; upstream and revision compare by
 * alternating non-digit and digit runs, where `~` sorts before everything (even the end of the
 * string), letters before other characters, and digit runs as numbers.
 */
export function compareDebianVersions(a: string, b: string): number {
  const left = split(a);
  const right = split(b);
  if (left.epoch !== right.epoch) return left.epoch < right.epoch ? -1 : 1;
  return compareParts(left.upstream, right.upstream) || compareParts(left.revision, right.revision);
}

// No revision compares as revision "0" (dpkg treats an absent revision like an empty one, which sorts the same).
function split(version: string): { epoch: number; upstream: string; revision: string } {
  const { epoch, version: upstream, release } = splitPackageVersion(version);
  return { epoch, upstream, revision: release ?? '' };
}

/** The sort weight of one character of a non-digit run: `~` lowest, then the end, letters, the rest. */
function order(char: string | undefined): number {
  if (char === undefined) return 0;
  if (char === '~') return -1;
  if (/[A-Za-z]/.test(char)) return char.charCodeAt(0);
  return char.charCodeAt(0) + 256;
}

function compareParts(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // The non-digit runs, character by character.
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const left = i < a.length && !isDigit(a[i]) ? a[i] : undefined;
      const right = j < b.length && !isDigit(b[j]) ? b[j] : undefined;
      const diff = order(left) - order(right);
      if (diff !== 0) return diff < 0 ? -1 : 1;
      if (left !== undefined) i++;
      if (right !== undefined) j++;
    }
    // The digit runs, as numbers (leading zeros do not count).
    let startA = i;
    while (i < a.length && isDigit(a[i])) i++;
    let startB = j;
    while (j < b.length && isDigit(b[j])) j++;
    while (startA < i && a[startA] === '0') startA++;
    while (startB < j && b[startB] === '0') startB++;
    const digitsA = a.slice(startA, i);
    const digitsB = b.slice(startB, j);
    if (digitsA.length !== digitsB.length) return digitsA.length < digitsB.length ? -1 : 1;
    if (digitsA !== digitsB) return digitsA < digitsB ? -1 : 1;
  }
  return 0;
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}
