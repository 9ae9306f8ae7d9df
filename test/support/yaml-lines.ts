/** Lines joined with `\n`, so that line numbers in a case are the array index + 1. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
