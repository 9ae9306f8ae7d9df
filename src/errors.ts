/** A file that its parser cannot read; becomes a `parse-error` finding at `offset`. */
export class ParseError extends Error {
  constructor(
    message: string,
    /** Offset into the file text (BOM removed) where parsing failed. */
    readonly offset: number,
    /** Offset where the failing token ends, if known. */
    readonly endOffset?: number,
  ) {
    super(message);
    this.name = 'ParseError';
  }
}

/** A usage or configuration mistake: exit code 2, message names the key or flag. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
