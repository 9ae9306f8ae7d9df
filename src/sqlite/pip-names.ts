/**
 * The package name of a pip requirement written as a URL, a path or a VCS reference, when the text
 * shows it: `git+https://github.com/simonw/datasette.git@0.65`, `datasette @ git+https://...`,
 * `https://host/aiosqlite-0.21.0.tar.gz`, `./wheels/aiosqlite-0.21.0-py3-none-any.whl`, `...#egg=name`.
 * Undefined for a plain name (pip's own parsing applies) or when no name is visible.
 */
export function pipRequirementName(requirement: string): string | undefined {
  const value = requirement.trim();
  const named = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*@\s*\S/.exec(value);
  if (named) return normalise(named[1]);
  const isUrl = /^(?:git|hg|svn|bzr)\+|^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  const isPath = /^(?:\.{1,2}\/|\/|~\/)|\.(?:whl|tar\.gz|tgz|zip|tar\.bz2)$/i.test(value);
  if (!isUrl && !isPath) return undefined;
  const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(value);
  if (egg) return normalise(egg[1]);
  const path = value.replace(/[#?].*$/, '').replace(/\/+$/, '');
  let last = path.slice(path.lastIndexOf('/') + 1);
  if (/^(?:git|hg|svn|bzr)\+/i.test(value) || /\.git(?:@|$)/.test(last)) {
    // A VCS URL names the repository: `datasette.git@0.65` -> datasette.
    last = last.replace(/@[^@]*$/, '').replace(/\.git$/, '');
    return last ? normalise(last) : undefined;
  }
  // A distribution file: the name ends before `-<version>`.
  const distribution = /^([A-Za-z0-9][A-Za-z0-9._]*?(?:-[A-Za-z][A-Za-z0-9._]*)*)-\d[^/]*\.(?:whl|tar\.gz|tgz|zip|tar\.bz2)$/i.exec(last);
  if (distribution) return normalise(distribution[1]);
  // A source folder: its name (`./vendor/sqlite-utils`).
  return isPath && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(last) && !/\.(?:whl|tar\.gz|tgz|zip|tar\.bz2)$/i.test(last) ? normalise(last) : undefined;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[._]+/g, '-');
}
