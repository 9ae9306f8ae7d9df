import { chmodSync, existsSync, readFileSync, statSync, symlinkSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run, writeAll } from '../../src/main';
import { jsonFindings, positions, runCli, tempProject } from '../helpers';

const BAD_COMPOSE = 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA:-./data}:/data\n';
const GOOD_COMPOSE = 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA:?set DATA}:/data\n';
const WARN_COMPOSE = 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA}/db:/data\n';

describe('exit codes', () => {
  it('is 0 on a clean project and prints nothing', () => {
    const cwd = tempProject({ 'compose.yaml': GOOD_COMPOSE });
    expect(runCli([], { cwd })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('is 1 when there is an error finding', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    expect(runCli([], { cwd }).code).toBe(1);
  });

  it('is 0 with warnings only, and 1 when they exceed --max-warnings', () => {
    const cwd = tempProject({ 'compose.yaml': WARN_COMPOSE });
    expect(runCli([], { cwd }).code).toBe(0);
    expect(runCli(['--max-warnings', '1'], { cwd }).code).toBe(0);
    const over = runCli(['--max-warnings', '0'], { cwd });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('--max-warnings 0');
  });

  it.each([
    [['--format', 'xml']],
    [['--bogus']],
    [['--rule', 'no-such-rule=error']],
    [['--rule', 'volume-source-fallback=loud']],
    [['--max-warnings', 'many']],
    [['--kind', 'terraform', 'x']],
    [['does-not-exist']],
  ])('is 2 on a usage error: %j', (args) => {
    const cwd = tempProject({ 'compose.yaml': GOOD_COMPOSE });
    const result = runCli(args, { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^litelint: /);
    expect(result.stderr).not.toContain('    at ');
  });
});

describe('formats', () => {
  it('json: the version 1 contract, sorted, positions 1-based, paths relative', () => {
    const cwd = tempProject({ 'b/compose.yaml': BAD_COMPOSE, 'a/compose.yaml': WARN_COMPOSE });
    const result = runCli(['-f', 'json'], { cwd });
    const findings = jsonFindings(result);
    expect(findings.map((finding) => [finding.file, finding.line, finding.column, finding.severity])).toEqual([
      ['a/compose.yaml', 5, 9, 'warning'],
      ['b/compose.yaml', 5, 9, 'error'],
    ]);
    expect(Object.keys(findings[1])).toEqual(['rule', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'messageId', 'help', 'docs', 'fix']);
    expect(findings[1].docs).toMatch(/docs\/rules\/volume-source-fallback\.md$/);
  });

  it('json: an empty findings list on a clean run', () => {
    const cwd = tempProject({ 'compose.yaml': GOOD_COMPOSE });
    expect(JSON.parse(runCli(['-f', 'json'], { cwd }).stdout)).toEqual({ version: 1, findings: [] });
  });

  it('gnu: file:line:column: severity: message [rule]', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const lines = runCli(['-f', 'gnu'], { cwd }).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^compose\.yaml:5:9: error: .+ \[volume-source-fallback\]$/);
  });

  it('stylish: grouped by file with a summary; no colour when not a TTY', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const { stdout } = runCli([], { cwd });
    expect(stdout).toContain('compose.yaml\n  5:9  error');
    expect(stdout).toContain('1 problem (1 error, 0 warnings, 0 info)');
    expect(stdout).not.toContain('\u001b[');
  });

  it('stylish: colour on a TTY, off with NO_COLOR, forced with FORCE_COLOR', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    expect(runCli([], { cwd, tty: true }).stdout).toContain('\u001b[');
    expect(runCli([], { cwd, tty: true, env: { NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(runCli([], { cwd, tty: false, env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
  });

  it('-o writes the report to a file, without colour', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const result = runCli(['-f', 'json', '-o', 'report.json'], { cwd, tty: true });
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    expect(positions(JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8')).findings)).toEqual(['volume-source-fallback@5:9']);
  });
});

describe('stdin', () => {
  it('reads "-" with --stdin-filename giving path and kind', () => {
    const cwd = tempProject({});
    const result = runCli(['-', '--stdin-filename', 'deploy/compose.yaml', '-f', 'json'], { cwd, stdin: BAD_COMPOSE });
    expect(jsonFindings(result).map((finding) => `${finding.file}:${finding.line}:${finding.column}`)).toEqual(['deploy/compose.yaml:5:9']);
  });

  it('takes --kind for stdin without a name', () => {
    const cwd = tempProject({});
    const result = runCli(['-', '--kind', 'compose', '-f', 'gnu'], { cwd, stdin: BAD_COMPOSE });
    expect(result.stdout).toMatch(/^<stdin>:5:9: error/);
  });

  it('refuses --fix on stdin', () => {
    const cwd = tempProject({});
    expect(runCli(['-', '--fix', '--unsafe-fixes'], { cwd, stdin: BAD_COMPOSE }).code).toBe(2);
  });

  it('stops reading a stream at --max-file-size and reports it, with the other files', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    let bytesRead = 0;
    // An endless stream of zero bytes, as `cat /dev/zero | litelint -`.
    const endless = (into: Buffer): number => {
      into.fill(0);
      bytesRead += into.length;
      return into.length;
    };
    let stdout = '';
    const code = run(['-', 'compose.yaml', '--kind', 'compose', '--max-file-size', '100000', '-f', 'gnu'], {
      cwd,
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      readStdin: endless,
      isTty: false,
      env: {},
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^<stdin>:1:1: error: skipped: more than 100000 bytes, over --max-file-size 100000 \[parse-error\]/m);
    expect(stdout).toMatch(/^compose\.yaml:5:9: error/m);
    expect(bytesRead).toBe(100001);
  });

  it('reports text over the JavaScript string limit as a finding, not an internal error', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const stdin = '# stands for a file of more than 512 MB of text\n';
    const huge = Buffer.from(stdin);
    const toString = Buffer.prototype.toString;
    // Decoding such a file throws this error; allocating one in a test would take 512 MB.
    const spy = vi.spyOn(Buffer.prototype, 'toString').mockImplementation(function (this: Buffer, ...args: unknown[]) {
      if (this.equals(huge)) throw Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), { code: 'ERR_STRING_TOO_LONG' });
      return toString.apply(this, args as Parameters<Buffer['toString']>);
    });
    try {
      const result = runCli(['-', 'compose.yaml', '--kind', 'compose', '-f', 'gnu'], { cwd, stdin });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^<stdin>:1:1: error: skipped: \d+ bytes is more text than a JavaScript string can hold \[parse-error\]/m);
      expect(result.stdout).toMatch(/^compose\.yaml:5:9: error/m);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('configuration', () => {
  it('finds .litelint.yaml upward (up to the repository root) and applies rule levels', () => {
    const cwd = tempProject({ '.git/HEAD': 'ref: refs/heads/main\n', '.litelint.yaml': 'rules:\n  volume-source-fallback: warning\n', 'sub/compose.yaml': BAD_COMPOSE });
    const result = runCli(['-f', 'json'], { cwd: join(cwd, 'sub') });
    expect(jsonFindings(result).map((finding) => finding.severity)).toEqual(['warning']);
    expect(result.code).toBe(0);
  });

  it('turns a rule off, from the file and from --rule', () => {
    const cwd = tempProject({ '.litelint.yaml': 'rules:\n  volume-source-fallback: { level: off }\n', 'compose.yaml': BAD_COMPOSE });
    expect(runCli([], { cwd }).code).toBe(0);
    expect(runCli(['--rule', 'volume-source-fallback=error'], { cwd }).code).toBe(1);
  });

  it('ignores paths matched by ignore globs', () => {
    const cwd = tempProject({ '.litelint.yaml': 'ignore:\n  - legacy/**\n', 'legacy/compose.yaml': BAD_COMPOSE });
    expect(runCli([], { cwd }).code).toBe(0);
  });

  it.each([
    ['an unknown top-level key', 'rulez: {}\n', "unknown key 'rulez'"],
    ['an unknown rule', 'rules:\n  nope: error\n', "rules.nope: unknown rule 'nope'"],
    ['a bad level', 'rules:\n  volume-source-fallback: loud\n', 'rules.volume-source-fallback'],
    ['a bad ignore list', 'ignore: yes\n', "'ignore'"],
    ['an image without facts', 'images:\n  reg/x:1: {}\n', 'images.reg/x:1'],
    ['broken YAML', 'rules: [\n', 'invalid YAML'],
    ['an option of a rule that takes none', 'rules:\n  volume-source-fallback: { options: { strict: true } }\n', 'rules.volume-source-fallback.options.strict: unknown option (this rule takes no options)'],
    ['an unknown option', 'rules:\n  shared-volume-overlap: { options: { sidecar: [x] } }\n', 'rules.shared-volume-overlap.options.sidecar: unknown option (known: sidecars)'],
    ['an option of the wrong type', 'rules:\n  shared-volume-overlap: { options: { sidecars: litestream } }\n', 'rules.shared-volume-overlap.options.sidecars: expected a list of strings'],
  ])('is a usage error naming the key: %s', (_name, config, expected) => {
    const cwd = tempProject({ '.litelint.yaml': config, 'compose.yaml': GOOD_COMPOSE });
    const result = runCli([], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(expected);
  });

  it('accepts the options a rule declares', () => {
    const cwd = tempProject({ '.litelint.yaml': 'rules:\n  shared-volume-overlap: { options: { sidecars: [registry.example.com/backup] } }\n', 'compose.yaml': GOOD_COMPOSE });
    expect(runCli([], { cwd })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('-c names a config file; a missing one is a usage error', () => {
    const cwd = tempProject({ 'ci.yaml': 'rules:\n  volume-source-fallback: off\n', 'compose.yaml': BAD_COMPOSE });
    expect(runCli(['-c', 'ci.yaml'], { cwd }).code).toBe(0);
    expect(runCli(['-c', 'nope.yaml'], { cwd }).code).toBe(2);
  });

  it('refuses a config file over 1 MiB, naming it, found or named with -c', () => {
    const config = `rules:\n  volume-source-fallback: off\n#${'x'.repeat(1024 * 1024)}\n`;
    const cwd = tempProject({ '.litelint.yaml': config, 'ci.yaml': config, 'compose.yaml': BAD_COMPOSE });
    for (const args of [[], ['-c', 'ci.yaml']]) {
      const result = runCli(args, { cwd });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      const name = args.length > 0 ? 'ci.yaml' : '.litelint.yaml';
      expect(result.stderr).toBe(`litelint: cannot read config ${join(cwd, name)}: larger than 1048576 bytes\n`);
    }
    // The limit is on size only: the same settings in a small file apply.
    const small = tempProject({ '.litelint.yaml': 'rules:\n  volume-source-fallback: off\n', 'compose.yaml': BAD_COMPOSE });
    expect(runCli([], { cwd: small }).code).toBe(0);
  });
});

describe('suppression comments', () => {
  it('on the line above and at the end of the line, naming the rule', () => {
    const text =
      'services:\n  app:\n    image: x\n    volumes:\n      # litelint-ignore volume-source-fallback -- scratch space\n      - ${A:-./a}:/a\n      - ${B:-./b}:/b  # litelint-ignore volume-source-fallback\n      - ${C:-./c}:/c  # litelint-ignore some-other-rule\n';
    const cwd = tempProject({ 'compose.yaml': text });
    expect(positions(jsonFindings(runCli(['-f', 'json'], { cwd })))).toEqual(['volume-source-fallback@8:9']);
  });

  it('for a long-syntax entry, above its first line', () => {
    const text =
      'services:\n  app:\n    image: x\n    volumes:\n      # litelint-ignore volume-source-fallback\n      - type: bind\n        source: ${A:-./a}\n        target: /a\n';
    const cwd = tempProject({ 'compose.yaml': text });
    expect(jsonFindings(runCli(['-f', 'json'], { cwd }))).toEqual([]);
  });

  it('for the whole file', () => {
    const cwd = tempProject({ 'compose.yaml': `# litelint-ignore-file volume-source-fallback\n${BAD_COMPOSE}` });
    expect(runCli([], { cwd }).code).toBe(0);
  });

  it('reports unused ignores with --report-unused-ignores', () => {
    const cwd = tempProject({ 'compose.yaml': `# litelint-ignore volume-source-fallback\n${GOOD_COMPOSE}` });
    expect(runCli([], { cwd }).code).toBe(0);
    const findings = jsonFindings(runCli(['-f', 'json', '--report-unused-ignores'], { cwd }));
    expect(positions(findings)).toEqual(['unused-ignore@1:1']);
  });
});

describe('discovery', () => {
  it('finds every file name litelint reads, and nothing else', () => {
    const names = [
      'Containerfile', 'Containerfile-arm64', 'Containerfile.dev', 'Dockerfile', 'Dockerfile-prod', 'Dockerfile.prod', 'api.Dockerfile',
      'compose-dev.yaml', 'compose.prod.yaml', 'compose.yaml', 'compose.yml', 'config/deploy.staging.yml', 'config/deploy.yml',
      'docker-compose-prod.yml', 'docker-compose.ci.yaml', 'docker-compose.yml', 'docker-stack.yml', 'dockerfile', 'web.dockerfile',
    ];
    const others = [
      'README.md', 'composer.json', 'config/database.yml', 'Dockerfile-notes/x', 'compose.json',
      // an ignore file beside its Dockerfile, and templates another tool renders first
      'Dockerfile.web.dockerignore', 'Dockerfile.dockerignore', 'Dockerfile.erb', 'Dockerfile.j2', 'compose.yaml.j2', 'docker-compose.yml.tmpl',
      'docker-compose.yml.template', 'compose.yaml.jinja', 'config/deploy.yml.erb', 'config/deploy.yml.tt', 'Containerfile.tpl',
    ];
    // Binary content makes every file that is read give exactly one parse-error: the findings list the files read.
    const files = Object.fromEntries([...names, ...others].map((name) => [`p/${name}`, '\u0000']));
    const cwd = tempProject(files);
    const read = jsonFindings(runCli(['p', '-f', 'json'], { cwd })).map((finding) => finding.file);
    expect(read).toEqual(names.map((name) => `p/${name}`).sort());
  });

  it('reads a Kamal destination file that is only ERB without a parse error', () => {
    const cwd = tempProject({
      'config/deploy.yml': 'service: shop\nimage: acme/shop\nservers:\n  - 10.0.0.1\n',
      'config/deploy.staging.yml': '<%= File.read(File.join(__dir__, "deploy.yml")) %>\n',
    });
    const result = runCli(['-f', 'json'], { cwd });
    expect(jsonFindings(result)).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('--list-files prints each file that would be linted with its kind, escaped, and lints nothing', () => {
    const cwd = tempProject({
      '.gitignore': 'build/\n',
      'build/compose.yaml': BAD_COMPOSE,
      'compose.yaml': BAD_COMPOSE,
      'Dockerfile-web': 'FROM alpine\n',
      'Dockerfile-web.dockerignore': 'node_modules\n',
      'compose.yaml.j2': BAD_COMPOSE,
      'config/deploy.production.yml': '<%= 1 %>\n',
      'deploy/stack.yml': BAD_COMPOSE,
      'notes/bad\u001b[31mname/Dockerfile': 'FROM alpine\n',
    });
    const listed = runCli(['--list-files', '.', 'deploy/stack.yml', 'compose.yaml.j2', 'Dockerfile-web.dockerignore'], { cwd });
    expect(listed).toEqual({
      code: 0,
      stdout: [
        'dockerfile\tDockerfile-web', 'compose\tcompose.yaml', 'kamal\tconfig/deploy.production.yml', 'dockerfile\tnotes/bad\\x1b[31mname/Dockerfile',
        'compose\tdeploy/stack.yml', 'compose\tcompose.yaml.j2', '',
      ].join('\n'),
      stderr: '',
    });
    expect(runCli(['--list-files', '--kind', 'compose', 'Dockerfile-web'], { cwd }).stdout).toBe('compose\tDockerfile-web\n');
    expect(runCli(['--list-files', '--no-ignore', 'build'], { cwd }).stdout).toBe('compose\tbuild/compose.yaml\n');
    expect(runCli(['--list-files', '-', '--stdin-filename', 'x.yaml'], { cwd, stdin: 'servers: [a]\n' }).stdout).toBe('kamal\tx.yaml\n');
    expect(runCli(['--list-files', 'missing'], { cwd }).code).toBe(2);
  });

  it('skips .git, node_modules and .gitignored paths; --no-ignore lints them', () => {
    const cwd = tempProject({
      '.gitignore': 'build/\n',
      'build/compose.yaml': BAD_COMPOSE,
      'node_modules/x/compose.yaml': BAD_COMPOSE,
      '.git/compose.yaml': BAD_COMPOSE,
      'compose.yaml': GOOD_COMPOSE,
    });
    expect(runCli([], { cwd }).code).toBe(0);
    const all = jsonFindings(runCli(['-f', 'json', '--no-ignore'], { cwd }));
    expect(all.map((finding) => finding.file)).toEqual(['build/compose.yaml']);
  });

  it('lints a file named explicitly whatever its name', () => {
    const cwd = tempProject({ 'deploy/prod-stack.yaml': BAD_COMPOSE });
    expect(positions(jsonFindings(runCli(['deploy/prod-stack.yaml', '-f', 'json'], { cwd })))).toEqual(['volume-source-fallback@5:9']);
  });

  it('survives a symlink loop and lints each file once', () => {
    const cwd = tempProject({ 'a/compose.yaml': BAD_COMPOSE });
    symlinkSync('..', join(cwd, 'a', 'loop'));
    const findings = jsonFindings(runCli(['-f', 'json', '.', 'a', 'a/compose.yaml'], { cwd }));
    expect(positions(findings)).toEqual(['volume-source-fallback@5:9']);
  });
});

describe('bad input never crashes and never hides other files', () => {
  it.each([
    ['invalid YAML', 'compose.yaml', 'services:\n  app:\n    image: x\n   bad: y\n', 4],
    ['a binary Dockerfile', 'Dockerfile', Buffer.from([0x46, 0x52, 0x00, 0xff, 0x10]), 1],
    ['invalid UTF-8', 'Dockerfile', Buffer.from('FROM alpine\nRUN echo \xff\n', 'latin1'), 2],
  ])('%s gives a parse-error at its position; the good file is still linted', (_name, path, content, line) => {
    const cwd = tempProject({ [path]: content, 'other/compose.yaml': BAD_COMPOSE });
    const result = runCli(['-f', 'json'], { cwd });
    expect(result.code).toBe(1);
    const findings = jsonFindings(result);
    expect(findings.find((finding) => finding.file === path)).toMatchObject({ rule: 'parse-error', line });
    expect(positions(findings.filter((finding) => finding.file === 'other/compose.yaml'))).toEqual(['volume-source-fallback@5:9']);
  });

  it('an empty compose file is not a crash', () => {
    const cwd = tempProject({ 'compose.yaml': '' });
    const result = runCli(['-f', 'json'], { cwd });
    expect(result.code).toBeLessThan(2);
    expect(result.stderr).toBe('');
  });

  it('a file over --max-file-size is skipped with a finding', () => {
    const cwd = tempProject({ 'compose.yaml': `# ${'x'.repeat(200)}\n${GOOD_COMPOSE}` });
    const findings = jsonFindings(runCli(['-f', 'json', '--max-file-size', '100'], { cwd }));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('--max-file-size');
  });

  it('a very large compose file is linted', () => {
    const services = Array.from({ length: 3000 }, (_, i) => `  s${i}:\n    image: x\n    volumes:\n      - ./d${i}:/d\n`).join('');
    const cwd = tempProject({ 'compose.yaml': `services:\n${services}  last:\n    image: x\n    volumes:\n      - \${D:-./d}:/d\n` });
    expect(positions(jsonFindings(runCli(['-f', 'json'], { cwd })))).toEqual([`volume-source-fallback@${1 + 3000 * 4 + 4}:9`]);
  });
});

describe('--fix', () => {
  it('rewrites the file, keeps its mode, reports what is left, never writes without --fix', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const path = join(cwd, 'compose.yaml');
    chmodSync(path, 0o640);
    runCli([], { cwd });
    expect(readFileSync(path, 'utf8')).toBe(BAD_COMPOSE);
    const result = runCli(['--fix', '--unsafe-fixes'], { cwd });
    expect(result.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(BAD_COMPOSE.replace('${DATA:-./data}', '${DATA:?DATA must point at the data directory}'));
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(existsSync(join(cwd, '.compose.yaml.litelint-' + process.pid + '.tmp'))).toBe(false);
  });
});

describe('help and version', () => {
  it('--version prints the package version', () => {
    const cwd = tempProject({});
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(runCli(['--version'], { cwd }).stdout).toBe(`${pkg.version}\n`);
  });

  it('--help lists every option', () => {
    const cwd = tempProject({});
    const { stdout, code } = runCli(['--help'], { cwd });
    expect(code).toBe(0);
    for (const flag of ['--format', '--output', '--config', '--rule', '--kind', '--stdin-filename', '--no-ignore', '--max-warnings', '--report-unused-ignores', '--fix', '--unsafe-fixes']) {
      expect(stdout).toContain(flag);
    }
  });
});

describe('directory named like a file', () => {
  it('is walked, not read', () => {
    const cwd = tempProject({});
    mkdirSync(join(cwd, 'Dockerfile'));
    expect(runCli(['-f', 'json'], { cwd }).code).toBe(0);
  });
});

describe('configuration of SQLite knowledge', () => {
  it.each([
    ['an unknown distro', 'images:\n  reg/x:1: { distro: plan9 }\n', 'images.reg/x:1.distro'],
    ['a bad SQLite version', 'images:\n  reg/x:1: { sqlite: latest }\n', 'images.reg/x:1.sqlite'],
    ['a bad fixed range', 'sqlite-fixed-range: "not a range"\n', "'sqlite-fixed-range'"],
  ])('is a usage error naming the key: %s', (_name, config, expected) => {
    const cwd = tempProject({ '.litelint.yaml': config, Dockerfile: 'FROM alpine:3.24\n' });
    const result = runCli([], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(expected);
  });

  it('--explain-image prints what litelint knows and where from', () => {
    const cwd = tempProject({});
    const { stdout, code } = runCli(['--explain-image', 'python:3.12-slim'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toMatch(/debian/i);
    expect(stdout).toContain('3.46.1');
  });

  it('--explain-image uses images: from the config', () => {
    const cwd = tempProject({ '.litelint.yaml': 'images:\n  registry.example.com/base:*: { sqlite: 3.51.3 }\n' });
    const { stdout } = runCli(['--explain-image', 'registry.example.com/base:7'], { cwd });
    expect(stdout).toContain('3.51.3');
  });
});

describe('writeAll (the bin writes its report straight to fd 1)', () => {
  const failure = (code: string): Error => Object.assign(new Error(code), { code });

  it('writes every byte across partial writes and waits out a full non-blocking pipe (EAGAIN)', () => {
    const chunks: string[] = [];
    let calls = 0;
    writeAll(1, 'héllo wörld', (_fd, buffer) => {
      calls++;
      if (calls === 2) throw failure('EAGAIN');
      const bytes = buffer as Buffer;
      const part = bytes.subarray(0, 4);
      chunks.push(part.toString('latin1'));
      return part.length;
    });
    expect(Buffer.from(chunks.join(''), 'latin1').toString('utf8')).toBe('héllo wörld');
    expect(calls).toBeGreaterThan(4);
  });

  it('stops quietly when the reader has gone (EPIPE) and rethrows anything else', () => {
    expect(() => writeAll(1, 'x', () => { throw failure('EPIPE'); })).not.toThrow();
    expect(() => writeAll(1, 'x', () => { throw failure('EBADF'); })).toThrow('EBADF');
  });
});

describe('the TTY check (it creates the stdout stream, a few ms of a single-file run)', () => {
  function ttyChecks(files: Record<string, string>, args: string[]): number {
    let checks = 0;
    run(args, {
      cwd: tempProject(files),
      stdout: () => {},
      stderr: () => {},
      readStdin: () => 0,
      get isTty() {
        checks++;
        return true;
      },
      env: {},
    });
    return checks;
  }

  it('is made once when stylish prints findings to the terminal', () => {
    expect(ttyChecks({ 'compose.yaml': BAD_COMPOSE }, [])).toBe(1);
  });

  it('is not made for JSON, for a clean stylish run, nor for a report written to a file', () => {
    expect(ttyChecks({ 'compose.yaml': BAD_COMPOSE }, ['-f', 'json'])).toBe(0);
    expect(ttyChecks({ 'compose.yaml': GOOD_COMPOSE }, [])).toBe(0);
    expect(ttyChecks({ 'compose.yaml': BAD_COMPOSE }, ['-o', 'report.txt'])).toBe(0);
  });
});
