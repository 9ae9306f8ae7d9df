/**
 * Alpine package version comparison, as apk-tools (`apk version -t`) orders them:
 * `digits{.digits}[letter]{_suffix[digits]}[~hash][-rN]`. The first number compares as a number;
 * a later one with a leading zero compares as a fraction (`1.01` < `1.1`, Gentoo's rule that apk
 * follows); more numbers sort later (`1.0` < `1.0.1`); a letter sorts after none (`1.0` < `1.0a`);
 * suffixes `_alpha` < `_beta` < `_pre` < `_rc` < none < `_cvs` < `_svn` < `_git` < `_hg` < `_p`;
 * then the package release `-rN` as a number (absent is `-r0`).
 */
export function compareApkVersions(a: string, b: string): number {
  const left = parse(a);
  const right = parse(b);
  return compareNumbers(left.numbers, right.numbers)
    || sign(letterWeight(left.letter) - letterWeight(right.letter))
    || compareSuffixes(left.suffixes, right.suffixes)
    || sign(left.release - right.release);
}

interface ApkVersion {
  numbers: string[];
  letter: string;
  suffixes: { rank: number; number: number }[];
  release: number;
}

// apk-tools' pre-release suffixes sort before a plain release, the post-release ones after it.
const SUFFIX_RANK: Record<string, number> = { alpha: 0, beta: 1, pre: 2, rc: 3, cvs: 5, svn: 6, git: 7, hg: 8, p: 9 };
const NO_SUFFIX = 4;

function parse(version: string): ApkVersion {
  let rest = version.trim();
  let release = 0;
  const releaseMatch = /-r(\d+)$/.exec(rest);
  if (releaseMatch) {
    release = Number(releaseMatch[1]);
    rest = rest.slice(0, releaseMatch.index);
  }
  // A `~hash` commit marker does not take part in the order.
  rest = rest.replace(/~[0-9a-f]*$/, '');
  const head = /^(\d+(?:\.\d+)*)([a-z]?)/.exec(rest);
  const numbers = head ? head[1].split('.') : [];
  const letter = head ? head[2] : '';
  const suffixes: ApkVersion['suffixes'] = [];
  for (const match of rest.slice(head ? head[0].length : 0).matchAll(/_([a-z]+)(\d*)/g)) {
    suffixes.push({ rank: SUFFIX_RANK[match[1]] ?? NO_SUFFIX, number: match[2] ? Number(match[2]) : 0 });
  }
  return { numbers, letter, suffixes, release };
}

function compareNumbers(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === undefined) return -1;
    if (b[i] === undefined) return 1;
    const diff = i > 0 && (a[i].startsWith('0') || b[i].startsWith('0')) ? fraction(a[i], b[i]) : compareDigits(a[i], b[i]);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Digit runs with a leading zero compare as decimal fractions: trailing zeros do not count. */
function fraction(a: string, b: string): number {
  const left = a.replace(/0+$/, '');
  const right = b.replace(/0+$/, '');
  return left === right ? 0 : left < right ? -1 : 1;
}

function compareDigits(a: string, b: string): number {
  const left = a.replace(/^0+/, '');
  const right = b.replace(/^0+/, '');
  if (left.length !== right.length) return left.length < right.length ? -1 : 1;
  return left === right ? 0 : left < right ? -1 : 1;
}

function letterWeight(letter: string): number {
  return letter === '' ? 0 : letter.charCodeAt(0);
}

function compareSuffixes(a: ApkVersion['suffixes'], b: ApkVersion['suffixes']): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const left = a[i] ?? { rank: NO_SUFFIX, number: 0 };
    const right = b[i] ?? { rank: NO_SUFFIX, number: 0 };
    if (left.rank !== right.rank) return left.rank < right.rank ? -1 : 1;
    if (left.number !== right.number) return left.number < right.number ? -1 : 1;
  }
  return 0;
}

function sign(value: number): number {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}
