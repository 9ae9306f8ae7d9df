/**
 * The projects a rule's documentation shows: `examples/<id>/bad|good` and the fenced code blocks
 * under the `## Bad` and `## Good` headings of `docs/rules/<id>.md`, read so that the rule tables
 * run them (the docs cannot drift from what the rule reports).
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';

const ROOT = nodePath.join(__dirname, '..', '..');

/** The files of an example folder (`distro-sqlite/bad`), keyed by their path inside it. */
export function exampleFiles(folder: string): Record<string, string> {
  const root = nodePath.join(ROOT, 'examples', folder);
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const absolute = nodePath.join(dir, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else files[nodePath.relative(root, absolute).split(nodePath.sep).join('/')] = fs.readFileSync(absolute, 'utf8');
    }
  };
  walk(root);
  return files;
}

export interface DocBlock {
  section: 'Bad' | 'Good';
  /** 1-based place of the project in its section: `Bad 2` is the second Bad project. */
  ordinal: number;
  /** 1-based line of the opening fence of the project's first block, to name it. */
  line: number;
  files: Record<string, string>;
}

// A YAML block may name its file in a first-line comment (`# config/deploy.yml (with ...)`).
const NAMED_FILE = /^#\s*((?:[\w.-]+\/)*[\w.-]+\.ya?ml)\b/;
// Any block may name its file in its info string, as Docusaurus and Biome do: ```text title="requirements.txt"
const TITLE = /\btitle="([^"]+)"/;

/**
 * The file a block stands for: the `title` its fence gives, else a Dockerfile, or the YAML file its
 * first line names (compose.yaml when it names none). An untitled block of another language (a JSON
 * excerpt of a lockfile) is a fragment of a file, not a file, and is not run.
 */
function fileOf(info: string, code: string): string | undefined {
  const title = TITLE.exec(info)?.[1];
  if (title) return title;
  const language = info.split(/\s/)[0];
  if (language === 'dockerfile') return 'Dockerfile';
  if (language === 'yaml') return NAMED_FILE.exec(code)?.[1] ?? 'compose.yaml';
  return undefined;
}

/**
 * The projects the Bad and Good sections of `docs/rules/<id>.md` show, one per block; blocks with
 * a `title` are the files of the project of the next block (a `requirements.txt` before the
 * Dockerfile that installs it), so an example shows its evidence where a reader sees it.
 */
export function docBlocks(id: string): DocBlock[] {
  const lines = fs.readFileSync(nodePath.join(ROOT, 'docs', 'rules', `${id}.md`), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  let section: DocBlock['section'] | undefined;
  // The project whose titled files are waiting for their main block.
  let open: DocBlock | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const heading = /^##\s+(.*?)\s*$/.exec(lines[index]);
    if (heading) {
      section = heading[1] === 'Bad' || heading[1] === 'Good' ? heading[1] : undefined;
      open = undefined;
    }
    const fence = /^```(.*?)\s*$/.exec(lines[index]);
    if (!fence) continue;
    const start = index;
    const end = lines.indexOf('```', start + 1);
    if (end === -1) throw new Error(`docs/rules/${id}.md:${start + 1}: unclosed code block`);
    index = end;
    const code = `${lines.slice(start + 1, end).join('\n')}\n`;
    const file = section && fileOf(fence[1], code);
    if (!section || !file) continue;
    const project = open && !Object.hasOwn(open.files, file) ? open : { section, ordinal: blocks.filter((block) => block.section === section).length + 1, line: start + 1, files: {} };
    if (project !== open) blocks.push(project);
    project.files[file] = code;
    open = TITLE.test(fence[1]) ? project : undefined;
  }
  return blocks;
}
