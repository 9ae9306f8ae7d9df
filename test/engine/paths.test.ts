import { join, posix, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinProjectPath } from '../../src/project/model';
import { childPath, isNormalRelative, joinNormalRelative, relativePosix, resolveUnder } from '../../src/paths';

describe('path shortcuts agree with node:path', () => {
  const bases = ['/', '/work', '/work/app', resolve('.')];
  const names = ['a', 'Dockerfile', 'compose.yaml', '.env', '..', '.', 'a/b', ''];
  const relatives = ['a', 'a/b/c', 'config/deploy.yml', '../x', './a', 'a/./b', 'a//b', 'a/', '/abs/x', 'a\\b', '.', ''];

  it.each(bases)('childPath under %s is join', (base) => {
    for (const name of names) expect(childPath(base, name)).toBe(join(base, name));
  });

  it.each(bases)('resolveUnder %s is resolve', (base) => {
    for (const path of relatives) expect(resolveUnder(base, path)).toBe(resolve(base, path));
  });

  it.each(bases)('relativePosix from %s is relative', (base) => {
    for (const path of relatives) {
      const absolute = resolve(base, path);
      expect(relativePosix(base, absolute)).toBe(relative(base, absolute));
    }
    expect(relativePosix(base, '/elsewhere/x')).toBe(relative(base, '/elsewhere/x'));
  });
});

describe('joinNormalRelative', () => {
  const segment = fc.constantFrom('', '.', '..', 'a', 'b/c', './a', 'a/', '/abs', 'a//b', 'a\\b', '.env', 'config', 'x/../y');
  const reference = (segments: string[]) => posix.normalize(posix.join(...segments));

  it('is the posix join wherever it answers, and answers for normal relative segments', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), (segments) => {
        const simple = joinNormalRelative(segments);
        const expected = reference(segments);
        if (simple !== undefined) expect(simple).toBe(expected);
        const allNormal = segments.every((part) => ['', '.', 'a', 'b/c', '.env', 'config'].includes(part));
        expect(simple !== undefined).toBe(allNormal);
      }),
    );
  });

  it('keeps joinProjectPath what it was: the posix join with backslashes as slashes, without a leading ./', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
        const joined = reference(segments.map((part) => part.replace(/\\/g, '/')));
        expect(joinProjectPath(...segments)).toBe(joined.startsWith('./') ? joined.slice(2) : joined);
      }),
    );
  });
});

describe('isNormalRelative', () => {
  it('is true exactly for relative paths with no empty, . or .. segment and no backslash', () => {
    const part = fc.constantFrom('a', 'b', '.', '..', '', '.a', 'a.', '..a', 'a\\b', '...');
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
        const path = parts.join('/');
        const segments = path.split('/');
        const expected = !path.includes('\\') && segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..');
        if (expected) expect(posix.normalize(path)).toBe(path);
        expect(isNormalRelative(path)).toBe(expected);
      }),
    );
  });
});
