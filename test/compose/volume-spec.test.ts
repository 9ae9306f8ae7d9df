import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFilePath, parseVolumeSpec } from '../../src/compose/volume-spec';

/** compose-go's rule, spelled out rune by rune: `X:` where X is one letter starts a Windows path. */
function referenceIsFilePath(source: string): boolean {
  if (source === '') return false;
  if ('./~'.includes(source[0]) || source.startsWith('\\\\')) return true;
  const runes = Array.from(source);
  return runes.length > 1 && runes[1] === ':' && /\p{L}/u.test(runes[0]);
}

describe('short volume specs and drive letters', () => {
  it.each([
    ['C:\\data:/data', 'bind', 'C:\\data'],
    ['é:/x:/data', 'bind', 'é:/x'],
    ['𝒜:/x:/data', 'bind', '𝒜:/x'],
    ['1:/x:ro', 'volume', '1'],
    ['C::/data', 'bind', 'C:'],
    ['data::/x', undefined, undefined],
    ['data:/data', 'volume', 'data'],
    ['/d', 'volume', undefined],
  ])('%s', (spec, type, source) => {
    const result = parseVolumeSpec(spec);
    if (type === undefined) {
      expect(result.ok).toBe(false);
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.parts.type).toBe(type);
    expect(result.parts.source && spec.slice(...result.parts.source)).toBe(source);
  });

  it('isFilePath agrees with the rune-by-rune rule on any text, astral letters and lone surrogates included', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('C', 'é', '𝒜', ':', '/', '.', '\\', '~', '1', '\uD835', '\uDC9C'), fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code))), maxLength: 6 });
    fc.assert(
      fc.property(text, (source) => {
        expect(isFilePath(source)).toBe(referenceIsFilePath(source));
      }),
    );
  });
});
