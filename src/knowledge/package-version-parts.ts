/**
 * The `[epoch:]version[-release]` shape dpkg and rpm versions share: a numeric epoch (absent is 0)
 * before the first colon, and the release (Debian: revision) after the last dash.
 */
export function splitPackageVersion(text: string): { epoch: number; version: string; release?: string } {
  let rest = text.trim();
  let epoch = 0;
  const colon = rest.indexOf(':');
  if (colon !== -1 && /^\d+$/.test(rest.slice(0, colon))) {
    epoch = Number(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  return dash === -1 ? { epoch, version: rest } : { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) };
}
