/**
 * The text of a project file as messages may quote it. Output is public (job logs, annotations,
 * SARIF uploads), so two things never reach a message:
 * - a value interpolated from `.env`, an `env_file` or the API's `env`: messages quote the
 *   scalar as written (`${VOL}`), never what it became;
 * - a credential written in a URL or a query string (`user:pass@`, `password=`, `token=`):
 *   `redactCredentials` masks it, and the engine passes every message through it.
 */
import type { YamlScalar } from './compose/model';

/** A scalar as the file writes it (YAML escapes decoded, `${...}` not interpolated): what a message may quote. */
export function writtenText(scalar: YamlScalar): string {
  return scalar.value;
}

export const REDACTED = '***';

/**
 * `scheme://user:password@host`: the password (the user name stays, it tells which account), up
 * to the last `@` of the authority, so that an unencoded `@` in the password hides nothing.
 */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:'"]*):([^\s/?#'"]*)@/gi;
/**
 * `?password=`, `&_auth_pass=`, `;key=`, `&access_token=`, `?client_secret=`, and the same as a
 * word of a command or a libpq string (`password=x host=db`): the value up to the next separator.
 */
const SECRET_PARAMETER = /((?:^|[?&;\s])[\w.-]*(?:password|passwd|pass|pwd|key|token|secret))=([^&;#\s'"]*)/gi;
/** Most messages quote no URL and no parameter: a cheap test before the two replacements. */
const MAY_HOLD_CREDENTIAL = /:\/\/|=/;

/** `text` with every URL password and secret query value replaced by `***`. */
export function redactCredentials(text: string): string {
  if (!MAY_HOLD_CREDENTIAL.test(text)) return text;
  return text
    .replace(URL_PASSWORD, (_match, head: string, password: string) => (password === '' ? `${head}:@` : `${head}:${REDACTED}@`))
    .replace(SECRET_PARAMETER, (_match, name: string, value: string) => (value === '' ? `${name}=` : `${name}=${REDACTED}`));
}
