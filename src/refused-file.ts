/**
 * What a `readFile` answers for a project file it will not read (outside the project root, a system
 * file): the reason only, never anything from the file. The engine turns it into an
 * `outside-project` finding on the place that named the file, or on the file itself.
 */
export class RefusedFile {
  constructor(readonly reason: string) {}
}

/** The one-line message for a refused file, naming it as it was written. */
export function refusedMessage(path: string, reason: string): string {
  return `not read: ${path} is ${reason}; litelint reads only files inside the project root`;
}
