import { SourceFile } from './source';
import { docsUrl, type Finding } from './types';

export interface ReadOutcome {
  text?: string;
  failure?: Finding;
}

function failureAt(path: string, text: string, offset: number, message: string): Finding {
  const position = new SourceFile(path, text, 'dockerfile').position(offset);
  return {
    rule: 'parse-error',
    severity: 'error',
    file: path,
    line: position.line,
    column: position.column,
    endLine: position.line,
    endColumn: position.column,
    message,
    docs: docsUrl('parse-error'),
  };
}

/**
 * Reads and decodes one file. Docker and Compose read UTF-8, so anything else, an unreadable file
 * or one over the size limit becomes a `parse-error` finding instead of text.
 */
export function readInputFile(path: string, readBytes: () => Buffer, maxFileSize: number): ReadOutcome {
  let bytes: Buffer;
  try {
    bytes = readBytes();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read failed';
    return { failure: failureAt(path, '', 0, `cannot read file (${code})`) };
  }
  if (bytes.length > maxFileSize) {
    return { failure: failureAt(path, '', 0, `skipped: ${bytes.length} bytes is over --max-file-size ${maxFileSize}`) };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { failure: failureAt(path, '', 0, 'UTF-16 encoded; Docker and Compose read UTF-8 only') };
  }
  const text = bytes.toString('utf8');
  const replacement = text.indexOf('\uFFFD');
  if (replacement !== -1 && !isValidUtf8(bytes)) {
    return { failure: failureAt(path, text, replacement, 'invalid UTF-8 byte sequence') };
  }
  return { text };
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
