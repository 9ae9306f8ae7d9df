import type { Range } from '../types';

/**
 * What a piece of evidence shows:
 * - `system-library`: an OS package with libsqlite3 (apt `libsqlite3-0`, apk `sqlite-libs`, ...);
 * - `cli`: only the sqlite3 command-line shell (Rails' apt line), which says nothing about the app;
 * - `php-extension`: PHP's pdo_sqlite / sqlite3 extension;
 * - `driver`: a library that opens SQLite (install command or dependency file);
 * - `database-path`, `database-url`: a database file or `sqlite:` URL in configuration;
 * - `database-config`: Rails `config/database.yml` with `adapter: sqlite3`;
 * - `runtime-api`: `node:sqlite` / `bun:sqlite` named in a command;
 * - `system-build`: a build switch that links a driver against the system library
 *   (`go build -tags libsqlite3`, `--enable-system-libraries`, `npm ... --sqlite=/usr`);
 * - `interpreter`: an interpreter the image installs (`apt-get install python3`, `uv python install`);
 * - `shell-workload`: the sqlite3 shell run on a database (a backup CMD, healthcheck, cron line, script);
 * - `sqlite-app`: a known SQLite application as the command (`datasette`, `litestream`).
 */
export type EvidenceKind =
  | 'system-library'
  | 'cli'
  | 'php-extension'
  | 'driver'
  | 'database-path'
  | 'database-url'
  | 'database-config'
  | 'runtime-api'
  | 'system-build'
  | 'interpreter'
  | 'shell-workload'
  | 'sqlite-app';

/** One reason to believe an image uses SQLite, with the place it was read. */
export interface SqliteEvidence {
  file: string;
  range: Range;
  /** Short, for messages: "apt-get installs libsqlite3-0". */
  description: string;
  kind: EvidenceKind;
  /**
   * Who opens SQLite, as a runtime id of the knowledge base (`cpython`, `php`, `better-sqlite3`,
   * `ruby-gem`, `go-bundled`, ...), or `python-stdlib` for a Python package that goes through the
   * interpreter's `sqlite3` module. Undefined when the evidence does not say.
   */
  consumer?: string;
  /** Knowledge-base driver id, for pinned drivers. */
  driver?: string;
  /** Pinned release of the driver, when the file pins one. */
  version?: string;
  /** Database file, directory or URL inside the container, when the evidence names one. */
  databasePath?: string;
  /**
   * The environment variable whose default this evidence is (`os.getenv("DB_ENGINE", "sqlite3")`): a
   * service or role that sets it to another engine overrides it.
   */
  defaultOf?: string;
  /** Dockerfile stage the evidence comes from. */
  stageIndex?: number;
  /**
   * `image`: in the final image (its stage or a stage it builds FROM); `build`: in a stage whose
   * output the final image copies; `deploy`: a compose service or Kamal config that runs the image.
   */
  scope: 'image' | 'build' | 'deploy';
}
