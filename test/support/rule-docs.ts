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
  /** 1-based place of the block in its section: `Bad 2` is the second Bad block. */
  ordinal: number;
  /** 1-based line of the opening fence in the doc page, to name the block. */
  line: number;
  files: Record<string, string>;
}

// A YAML block names its file in a first-line comment (`# config/deploy.yml (with ...)`).
const NAMED_FILE = /^#\s*((?:[\w.-]+\/)*[\w.-]+\.ya?ml)\b/;

/**
 * The file a block stands for, from its language: a Dockerfile, or the YAML file its first line
 * names (compose.yaml when it names none). Other languages (a JSON excerpt of a lockfile) are
 * fragments of a file, not files, and are not run.
 */
function fileOf(language: string, code: string): string | undefined {
  if (language === 'dockerfile') return 'Dockerfile';
  if (language === 'yaml') return NAMED_FILE.exec(code)?.[1] ?? 'compose.yaml';
  return undefined;
}

/** The runnable code blocks of the Bad and Good sections of `docs/rules/<id>.md`, each a project of one file. */
export function docBlocks(id: string): DocBlock[] {
  const lines = fs.readFileSync(nodePath.join(ROOT, 'docs', 'rules', `${id}.md`), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  let section: DocBlock['section'] | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const heading = /^##\s+(.*?)\s*$/.exec(lines[index]);
    if (heading) section = heading[1] === 'Bad' || heading[1] === 'Good' ? heading[1] : undefined;
    const fence = /^```(\w*)\s*$/.exec(lines[index]);
    if (!fence) continue;
    const start = index;
    const end = lines.indexOf('```', start + 1);
    if (end === -1) throw new Error(`docs/rules/${id}.md:${start + 1}: unclosed code block`);
    index = end;
    const code = `${lines.slice(start + 1, end).join('\n')}\n`;
    const file = section && fileOf(fence[1], code);
    if (section && file) blocks.push({ section, ordinal: blocks.filter((block) => block.section === section).length + 1, line: start + 1, files: { [file]: code } });
  }
  return blocks;
}
