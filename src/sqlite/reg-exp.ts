/** `text` as a regular expression that matches it literally (package and module names hold `.`, `/`, `@`). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
