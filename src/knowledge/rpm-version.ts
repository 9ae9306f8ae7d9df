import { splitPackageVersion } from './package-version-parts';

/**
 * RPM package version comparison: `[epoch:]version[-release]`, epochs as numbers (absent is 0),
 * then version and release each with rpm's `rpmvercmp` (rpmio/rpmvercmp.c). A release is compared
 * only when both sides have one, as rpm does for a requirement that names none.
 */
export function compareRpmVersions(a: string, b: string): number {
  const left = splitPackageVersion(a);
  const right = splitPackageVersion(b);
  if (left.epoch !== right.epoch) return left.epoch < right.epoch ? -1 : 1;
  const version = rpmvercmp(left.version, right.version);
  if (version !== 0 || left.release === undefined || right.release === undefined) return version;
  return rpmvercmp(left.release, right.release);
}

/**
 * rpmvercmp: alternating runs of digits and letters, other characters only separate; `~` sorts
 * before everything (even the end), `^` after the end but before anything else; a digit run beats
 * a letter run; digit runs compare as numbers; the side with segments left over is newer.
 */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== '~' && b[j] !== '^') j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i]);
    const test = numeric ? isDigit : isAlpha;
    const startA = i;
    while (i < a.length && test(a[i])) i++;
    const startB = j;
    while (j < b.length && test(b[j])) j++;
    let left = a.slice(startA, i);
    let right = b.slice(startB, j);
    // One side has a digit run where the other has letters: the digits are newer.
    if (right === '') return numeric ? 1 : -1;
    if (numeric) {
      left = left.replace(/^0+/, '');
      right = right.replace(/^0+/, '');
      if (left.length !== right.length) return left.length < right.length ? -1 : 1;
    }
    if (left !== right) return left < right ? -1 : 1;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

function isAlpha(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
}

function isAlnum(char: string): boolean {
  return isDigit(char) || isAlpha(char);
}
