import type { Knowledge } from '../knowledge/knowledge';
import type { ImageKnowledge } from '../knowledge/lookup';
import type { SqliteEvidence } from './evidence-types';

export interface Consumer {
  /** Runtime id of the knowledge base (`cpython`, `php`, `better-sqlite3`, `ruby-gem`, ...). */
  runtime: string;
  /** `distro`: loads the image's libsqlite3; `bundled`: brings its own SQLite. */
  sqlite: 'distro' | 'bundled';
  /** The evidence that shows this consumer, most specific first. */
  evidence: SqliteEvidence[];
}

export interface ConsumerVerdict {
  consumers: Consumer[];
  /** SQLite use whose consumer litelint could not identify (generic paths on a Node image, say). */
  unidentified: SqliteEvidence[];
}

/**
 * The image's own runtime when it opens SQLite through the system library whatever the evidence is
 * (CPython, PHP: `sqlite: distro` in data/sqlite-knowledge.json `runtimes`).
 */
function distroImageRuntime(image: ImageKnowledge | undefined, knowledge: Knowledge): string | undefined {
  const runtime = image?.runtime;
  return runtime !== undefined && knowledge.data.runtimes[runtime]?.sqlite === 'distro' ? runtime : undefined;
}

// `database-config` without a consumer: an engine selector (`DB_TYPE=sqlite`) or an ORM setting that does not say which driver.
const GENERIC_KINDS = new Set(['system-library', 'database-path', 'database-url', 'database-config']);

/** An explicit install of the runtime library or an extension: loaded by some program litelint may not name. */
const DISTRO_LIBRARY = 'distro-library';

const SQLITE_SHELL = 'sqlite-shell';

/**
 * Decides who opens SQLite in the image, and whether each loads the distro library or bundles its
 * own. `image` is the base image of the final stage, when litelint knows it.
 */
export function classifyConsumers(evidence: readonly SqliteEvidence[], image: ImageKnowledge | undefined, knowledge: Knowledge): ConsumerVerdict {
  const runtimes = knowledge.data.runtimes;
  const systemBuilds = new Set(evidence.filter((item) => item.kind === 'system-build').map((item) => item.consumer ?? ''));
  const interpreters = evidence.filter((item) => item.kind === 'interpreter');
  // A Python package goes through the interpreter's sqlite3 module: CPython builds (official images,
  // distro packages, private bases) link the system library; only uv-managed Pythons bundle one.
  const explicitPython = interpreters.find((item) => item.consumer === 'uv-python')?.consumer
    ?? interpreters.find((item) => item.consumer === 'distro-python')?.consumer;
  const pythonInterpreter = explicitPython === 'uv-python' ? explicitPython : image?.runtime === 'cpython' ? 'cpython' : explicitPython ?? 'cpython';

  const byRuntime = new Map<string, SqliteEvidence[]>();
  const add = (runtime: string, item: SqliteEvidence): void => {
    const list = byRuntime.get(runtime) ?? [];
    list.push(item);
    byRuntime.set(runtime, list);
  };
  const generic: SqliteEvidence[] = [];
  const libraryInstalls: SqliteEvidence[] = [];
  for (const item of evidence) {
    if (item.kind === 'cli' || item.kind === 'interpreter' || item.kind === 'system-build') continue;
    if (item.consumer === DISTRO_LIBRARY) {
      if (item.scope === 'image') libraryInstalls.push(item);
      continue;
    }
    let runtime = item.consumer;
    if (runtime === 'python-stdlib') runtime = pythonInterpreter;
    // A switch (`--enable-system-libraries`, `-tags libsqlite3`) moves a bundling driver onto the system library.
    if (runtime && runtimes[runtime]?.systemBuildOf === undefined) {
      for (const [system, entry] of Object.entries(runtimes)) if (entry.systemBuildOf === runtime && systemBuilds.has(system)) runtime = system;
    }
    if (runtime && runtimes[runtime]) add(runtime, item);
    else if (GENERIC_KINDS.has(item.kind) || item.consumer === 'python-stdlib') generic.push(item);
  }

  // The sqlite3 shell next to an app that bundles its own SQLite (a Rails, Prisma, Ecto, Go or Node app):
  // the app's SQLite is the one that matters; the shell is a maintenance tool on the side.
  if ([...byRuntime.keys()].some((runtime) => runtimes[runtime].sqlite === 'bundled')) byRuntime.delete(SQLITE_SHELL);
  const unidentified: SqliteEvidence[] = [];
  for (const item of generic) {
    const owner = genericOwner(item, image, knowledge, pythonInterpreter, explicitPython, byRuntime);
    if (owner) add(owner, item);
    else unidentified.push(item);
  }
  // The library installed on purpose is loaded by something: the image's runtime, the distro python3,
  // or a program litelint cannot name (.NET, a copied binary). A named bundling consumer explains it.
  if (libraryInstalls.length > 0 && byRuntime.size === 0) {
    const owner = distroImageRuntime(image, knowledge) ?? explicitPython ?? DISTRO_LIBRARY;
    for (const item of libraryInstalls) add(owner, item);
  }
  const consumers: Consumer[] = [];
  for (const [runtime, items] of byRuntime) {
    consumers.push({ runtime, sqlite: runtimes[runtime].sqlite, evidence: items.sort(bySpecificity) });
  }
  return { consumers, unidentified };
}

/** Who reads a database path or a system library when the evidence itself does not say. */
function genericOwner(
  item: SqliteEvidence,
  image: ImageKnowledge | undefined,
  knowledge: Knowledge,
  pythonInterpreter: string,
  explicitPython: string | undefined,
  identified: Map<string, SqliteEvidence[]>,
): string | undefined {
  const imageRuntime = distroImageRuntime(image, knowledge);
  if (imageRuntime) return imageRuntime;
  // A path next to an identified driver belongs to that driver (Rails' storage/*.sqlite3 to the gem).
  const first = identified.keys().next();
  if (!first.done) return first.value;
  if (item.consumer === 'python-stdlib') return pythonInterpreter;
  return explicitPython;
}

const SPECIFICITY: Record<string, number> = {
  driver: 0,
  'php-extension': 1,
  'runtime-api': 1,
  'sqlite-app': 1,
  'shell-workload': 2,
  'database-config': 2,
  'database-url': 3,
  'database-path': 4,
  'system-library': 5,
};

function bySpecificity(a: SqliteEvidence, b: SqliteEvidence): number {
  const scope = (item: SqliteEvidence): number => (item.scope === 'image' ? 0 : item.scope === 'build' ? 1 : 2);
  return (SPECIFICITY[a.kind] ?? 9) - (SPECIFICITY[b.kind] ?? 9) || scope(a) - scope(b);
}
