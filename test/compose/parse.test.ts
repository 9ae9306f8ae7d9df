import { describe, expect, it } from 'vitest';
import type { ComposeModel } from '../../src/compose/model';
import { parseCompose, parseComposeFiles } from '../../src/compose/parse';
import { ParseError } from '../../src/errors';
import { SourceFile } from '../../src/source';
import type { Range } from '../../src/types';
import { workGrowth } from '../work-count';

function compose(text: string, options: { files?: Record<string, string>; env?: Record<string, string>; path?: string } = {}): ComposeModel {
  const files = options.files ?? {};
  return parseCompose(new SourceFile(options.path ?? 'compose.yaml', text, 'compose'), {
    readFile: (path) => files[path],
    env: new Map(Object.entries(options.env ?? {})),
  });
}

/** `line:column-line:column` of a range. */
function at(range: Range | undefined): string {
  if (!range) return 'none';
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

function firstVolume(model: ComposeModel, service = 0) {
  return model.services[service].volumes[0];
}

describe('compose volume positions', () => {
  it('points an alias use at the anchor text', () => {
    const model = compose(['x-data: &data "./data:/var/lib/app"', 'services:', '  a:', '    volumes:', '      - *data', ''].join('\n'));
    const volume = firstVolume(model);
    expect(volume.type).toBe('bind');
    expect(volume.source?.value).toBe('./data');
    expect(at(volume.source?.range)).toBe('1:16-1:22');
    expect(at(volume.targetRange)).toBe('1:23-1:35');
    expect(at(volume.range)).toBe('1:15-1:36');
  });

  it('keeps positions through merge keys, local keys winning', () => {
    const text = [
      'x-base: &base',
      '  image: app',
      '  volumes:',
      '    - db:/data',
      'services:',
      '  web:',
      '    <<: *base',
      '    image: local',
      'volumes:',
      '  db: {}',
      '',
    ].join('\n');
    const model = compose(text);
    const web = model.services[0];
    expect(web.image?.value).toBe('local');
    expect(at(web.image?.range)).toBe('8:12-8:17');
    expect(firstVolume(model).source?.value).toBe('db');
    expect(at(firstVolume(model).source?.range)).toBe('4:7-4:9');
    expect(model.errors).toEqual([]);
  });

  it('reads flow sequences', () => {
    const model = compose('services:\n  a:\n    volumes: ["./a:/b", /c]\n');
    const [bind, anonymous] = model.services[0].volumes;
    expect(at(bind.source?.range)).toBe('3:16-3:19');
    expect(at(bind.targetRange)).toBe('3:20-3:22');
    expect(anonymous.source).toBeUndefined();
    expect(anonymous.target).toBe('/c');
    expect(at(anonymous.targetRange)).toBe('3:25-3:27');
  });

  it('maps through double-quoted escapes and single-quoted quotes', () => {
    const model = compose(['services:', '  a:', '    volumes:', '      - "./d\\u0061ta:/x\\ty"', "      - './it''s:/z'", ''].join('\n'));
    const [escaped, quoted] = model.services[0].volumes;
    expect(escaped.source?.value).toBe('./data');
    expect(at(escaped.source?.range)).toBe('4:10-4:21');
    expect(escaped.target).toBe('/x\ty');
    expect(at(escaped.targetRange)).toBe('4:22-4:27');
    expect(quoted.source?.value).toBe("./it's");
    expect(at(quoted.source?.range)).toBe('5:10-5:17');
    expect(at(quoted.targetRange)).toBe('5:18-5:20');
  });

  it('counts columns without the CR of CRLF line ends', () => {
    const model = compose('services:\r\n  a:\r\n    volumes:\r\n      - ./x:/y\r\n');
    expect(at(firstVolume(model).source?.range)).toBe('4:9-4:12');
    expect(at(firstVolume(model).targetRange)).toBe('4:13-4:15');
  });

  it('starts at 1:1 after a BOM', () => {
    const model = compose('\ufeffservices:\n  a:\n    volumes:\n      - ./x:/y\n');
    expect(at(model.services[0].nameRange)).toBe('2:3-2:4');
    expect(at(firstVolume(model).source?.range)).toBe('4:9-4:12');
  });

  it('folds multi-line plain scalars and keeps each character at its line', () => {
    const model = compose('services:\n  a:\n    volumes:\n      - ./my\n        dir:/y\n');
    const volume = firstVolume(model);
    // folding turns the line break into a space, which maps to the break
    expect(volume.source?.value).toBe('./my dir');
    expect(at(volume.source?.range)).toBe('4:9-5:12');
    expect(volume.source?.sourceOffsets[4]).toBe(model.file.offsetAt(4, 13));
    expect(at(volume.targetRange)).toBe('5:13-5:15');
  });

  it('maps block scalars', () => {
    const model = compose('services:\n  a:\n    command: |\n      run\n      --fast\n');
    const command = model.services[0].command?.[0];
    expect(command?.value).toBe('run\n--fast\n');
    expect(command?.sourceOffsets[4]).toBe(model.file.offsetAt(5, 7));
  });
});

describe('compose interpolation', () => {
  it('classifies a short spec by its interpolated value and points at the raw text', () => {
    const text = 'services:\n  a:\n    volumes:\n      - ${DATA:-./data}:/data\n';
    const bind = firstVolume(compose(text));
    expect(bind.type).toBe('bind');
    expect(bind.source?.value).toBe('${DATA:-./data}');
    expect(bind.source?.interpolated).toBe('./data');
    expect(at(bind.source?.range)).toBe('4:9-4:24');
    const named = compose(text + 'volumes:\n  db: {}\n', { env: { DATA: 'db' } });
    expect(firstVolume(named).type).toBe('volume');
    expect(firstVolume(named).source?.interpolated).toBe('db');
    expect(named.errors).toEqual([]);
  });

  it('splits at colons that come from a variable, as compose does after interpolation', () => {
    const volume = firstVolume(compose('services:\n  a:\n    volumes:\n      - $MOUNT\n', { env: { MOUNT: '/srv:/data:ro' } }));
    expect(volume.type).toBe('bind');
    expect(volume.source?.interpolated).toBe('/srv');
    expect(volume.target).toBe('/data');
    expect(volume.readOnly).toBe(true);
    // every part came from the one variable
    expect(at(volume.source?.range)).toBe('4:9-4:15');
  });

  it('keeps a variable that expanded to nothing in the part it is written in', () => {
    const volume = firstVolume(compose('services:\n  a:\n    volumes:\n      - $CACHE/c:/cache\n'));
    expect(volume.type).toBe('bind');
    expect(volume.source?.value).toBe('$CACHE/c');
    expect(volume.source?.interpolated).toBe('/c');
    expect(at(volume.source?.range)).toBe('4:9-4:17');
  });

  it('reports an empty section left by an unset variable, still modelling the volume as written', () => {
    const model = compose('services:\n  a:\n    volumes:\n      - ${DATA_DIR}:/data\n');
    const [volume] = model.services[0].volumes;
    expect(volume.source?.value).toBe('${DATA_DIR}');
    expect(volume.source?.interpolated).toBe('');
    expect(at(volume.source?.range)).toBe('4:9-4:20');
    expect(volume.target).toBe('/data');
    expect(model.errors).toHaveLength(1);
    expect(model.errors[0].message).toContain('empty section between colons');
    expect(at(model.errors[0].range)).toBe('4:9-4:26');
  });

  it('reports invalid templates at the offending ${, never with a variable value', () => {
    const model = compose('services:\n  a:\n    image: "app:${TAG/a/b}"\n', { env: { TAG: 'secret-value' } });
    const error = model.errors.find((candidate) => candidate.rule === 'invalid-interpolation');
    expect(error).toBeDefined();
    expect(at(error?.range)).toBe('3:17-3:19');
    expect(error?.message).toContain('services.a.image');
    expect(error?.message).not.toContain('secret-value');
    expect(model.services[0].image?.interpolated).toBeUndefined();
  });

  it('does not interpolate keys, and interpolates list-form environment before splitting', () => {
    const model = compose('services:\n  a:\n    environment:\n      - NAME=${V:-x}\n      - PASS\n    labels:\n      $KEY: v\n', { env: { V: 'y' } });
    const [name, pass] = model.services[0].environment;
    expect(name.name).toBe('NAME');
    expect(name.value?.interpolated).toBe('y');
    expect(at(name.nameRange)).toBe('4:9-4:13');
    expect(at(name.value?.range)).toBe('4:14-4:21');
    expect(pass.value).toBeUndefined();
    expect(model.services[0].labels[0].name).toBe('$KEY');
  });
});

describe('compose service fields', () => {
  it('reads build, deploy, depends_on and the rest', () => {
    const text = [
      'services:',
      '  web:',
      '    build:',
      '      context: ./app',
      '      dockerfile: Dockerfile.prod',
      '      args: [RUBY=3.3]',
      '    command: bin/rails server',
      '    entrypoint: ["/bin/sh", "-c"]',
      '    env_file: [.env, {path: extra.env, required: false}]',
      '    deploy:',
      '      replicas: 2',
      '      mode: replicated',
      '      update_config: {order: start-first}',
      '      rollback_config: {order: stop-first}',
      '    scale: 3',
      '    read_only: true',
      '    restart: unless-stopped',
      '    depends_on:',
      '      db: {condition: service_healthy}',
      '      cache:',
      '    tmpfs: /run',
      '  worker:',
      '    build: ./worker',
      '    depends_on: [web]',
      '',
    ].join('\n');
    const [web, worker] = compose(text).services;
    expect(web.build?.context?.value).toBe('./app');
    expect(web.build?.dockerfile?.value).toBe('Dockerfile.prod');
    expect(web.build?.args.map((arg) => [arg.name, arg.value?.value])).toEqual([['RUBY', '3.3']]);
    expect(web.command?.map((part) => part.value)).toEqual(['bin/rails server']);
    expect(web.entrypoint?.map((part) => part.value)).toEqual(['/bin/sh', '-c']);
    expect(web.envFiles.map((file) => file.value)).toEqual(['.env', 'extra.env']);
    expect(web.deploy?.replicas?.value).toBe(2);
    expect(web.deploy?.mode?.value).toBe('replicated');
    expect(web.deploy?.updateOrder?.value).toBe('start-first');
    expect(web.deploy?.rollbackOrder?.value).toBe('stop-first');
    expect(at(web.deploy?.updateOrder?.range)).toBe('13:30-13:41');
    expect(web.scale?.value).toBe(3);
    expect(web.readOnly?.value).toBe(true);
    expect(web.restart?.value).toBe('unless-stopped');
    expect(web.dependsOn.map((dependency) => [dependency.service, dependency.condition])).toEqual([
      ['db', 'service_healthy'],
      ['cache', 'service_started'],
    ]);
    expect(web.tmpfs?.map((mount) => mount.value)).toEqual(['/run']);
    expect(worker.build?.context?.value).toBe('./worker');
    expect(worker.dependsOn).toMatchObject([{ service: 'web', condition: 'service_started' }]);
    expect(at(worker.dependsOn[0].range)).toBe('24:18-24:21');
  });

  it('reads top-level volumes', () => {
    const model = compose('volumes:\n  data:\n    driver: local\n    driver_opts: {type: none, o: bind, device: ./data}\n  ext:\n    external: true\n    name: real\n');
    const [data, ext] = model.volumes;
    expect(data.driver?.value).toBe('local');
    expect(data.driverOpts.device.value).toBe('./data');
    expect(data.bindDevice).toBe('data');
    expect(at(data.nameRange)).toBe('2:3-2:7');
    expect(ext.external).toBe(true);
    expect(ext.realName?.value).toBe('real');
  });

  it('drops what a !reset tag clears in a single file', () => {
    const model = compose('services:\n  a:\n    image: x\n    command: !reset []\n');
    expect(model.services[0].command).toBeUndefined();
  });

  it('refuses a named volume that is not declared', () => {
    const model = compose('services:\n  a:\n    volumes: [db:/data]\n');
    expect(model.errors.map((error) => error.message)).toEqual(['service "a" refers to undefined volume db: invalid compose project']);
    expect(at(model.errors[0].range)).toBe('3:15-3:17');
  });
});

describe('compose files merged', () => {
  it('merges compose.override.yaml, values pointing at the file that writes them', () => {
    const files = { 'compose.override.yaml': 'services:\n  web:\n    volumes:\n      - ./new:/data\n      - /logs:/logs\n' };
    const model = compose('services:\n  web:\n    image: app\n    volumes:\n      - ./old:/data\n', { files });
    const web = model.services[0];
    expect(web.file.path).toBe('compose.yaml');
    expect(web.image?.file?.path).toBe('compose.yaml');
    expect(web.volumes.map((volume) => [volume.source?.value, volume.target, volume.file?.path])).toEqual([
      ['./new', '/data', 'compose.override.yaml'],
      ['/logs', '/logs', 'compose.override.yaml'],
    ]);
    expect(at(web.volumes[0].source?.range)).toBe('4:9-4:14');
    expect(model.mergedFiles.map((file) => file.path)).toEqual(['compose.override.yaml']);
  });

  it('resolves extends from another file with that file\'s positions and directory', () => {
    const files = { 'base/common.yml': 'services:\n  base:\n    image: app\n    volumes:\n      - ./data:/data\n' };
    const model = compose('services:\n  web:\n    extends: {file: base/common.yml, service: base}\n', { files });
    const web = model.services[0];
    expect(web.file.path).toBe('compose.yaml');
    expect(web.image?.file?.path).toBe('base/common.yml');
    const volume = web.volumes[0];
    expect(volume.file?.path).toBe('base/common.yml');
    expect(volume.source?.baseDir).toBe('base');
    expect(at(volume.source?.range)).toBe('5:9-5:15');
  });

  it('adds included services and reports a name clash', () => {
    const files = { 'db/compose.yaml': 'services:\n  db:\n    image: postgres\n  web:\n    image: other\n' };
    const model = compose('include:\n  - db/compose.yaml\nservices:\n  web:\n    image: app\n', { files });
    expect(model.services.map((service) => [service.name, service.file.path, service.baseDir])).toEqual([
      ['db', 'db/compose.yaml', 'db'],
      ['web', 'compose.yaml', '.'],
    ]);
    expect(model.errors.map((error) => error.message)).toEqual(['services.web conflicts with imported resource']);
  });

  it('merges environment given as a list in one file and a map in the other', () => {
    const base = new SourceFile('a.yaml', 'services:\n  s:\n    environment: [A=1, B=2]\n', 'compose');
    const over = new SourceFile('b.yaml', 'services:\n  s:\n    environment:\n      B: 3\n      C: 4\n', 'compose');
    const model = parseComposeFiles([base, over], { readFile: () => undefined, env: new Map() });
    expect(model.services[0].environment.map((entry) => [entry.name, entry.value?.value, entry.file?.path])).toEqual([
      ['A', '1', 'a.yaml'],
      ['B', '3', 'b.yaml'],
      ['C', '4', 'b.yaml'],
    ]);
  });
});

describe('compose files that cannot be read', () => {
  it.each([
    ['a syntax error', 'services:\n  a: b: c\n', 2],
    ['a top level that is not a mapping', '- a\n- b\n', 1],
    ['duplicate keys', 'services: {}\nservices: {}\n', 2],
    ['two << merge keys in one mapping (go-yaml refuses them too)', 'x: &x {image: a}\nservices:\n  s:\n    <<: *x\n    <<: *x\n', 5],
    ['a quoted "<<" key beside a << merge key', 'x: &x {image: a}\nservices:\n  s:\n    <<: *x\n    "<<": y\n', 5],
  ])('throws ParseError for %s', (_name, text, line) => {
    let thrown: unknown;
    try {
      compose(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ParseError);
    const file = new SourceFile('compose.yaml', text, 'compose');
    expect(file.position((thrown as ParseError).offset).line).toBe(line);
  });

  it('throws ParseError for an alias bomb', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    expect(() => compose(`x-bomb:\n  ${levels.join('\n  ')}\nservices: {}\n`)).toThrow(ParseError);
  });

  it('accepts many uses of one anchor', () => {
    const services = Array.from({ length: 300 }, (_, i) => `  s${i}: *common`).join('\n');
    const model = compose(`x-common: &common\n  image: app\nservices:\n${services}\n`);
    expect(model.services).toHaveLength(300);
  });
});

describe('compose parse work', () => {
  /** `count` services merging one anchor, each with a short and a long volume and an environment. */
  function manyServices(count: number): string {
    const lines = ['x-common: &common', '  restart: unless-stopped', 'services:'];
    for (let i = 0; i < count; i++) {
      lines.push(`  s${i}:`, '    <<: *common', `    image: "app:\${TAG:-${i}}"`, '    volumes:', `      - ./data${i}:/data`, '      - type: volume', `        source: v${i}`, '        target: /v', '    environment:', `      - N=${i}`);
    }
    return lines.join('\n') + '\n';
  }

  // The counting wraps hot built-ins, which slows the parse: a loaded machine needs the timeout.
  it('grows in proportion to the services, not their square', { timeout: 60_000 }, () => {
    const { small, large, ratio } = workGrowth((count) => compose(manyServices(count)), 250);
    expect(small.services).toHaveLength(250);
    expect(large.services).toHaveLength(1_000);
    expect(large.services[999].volumes).toHaveLength(2);
    expect(ratio).toBeLessThan(5);
  });
});

describe('compose profiles and published ports', () => {
  it('reads profiles and the host side of short and long port syntax, after interpolation', () => {
    const model = compose(
      [
        'services:',
        '  a:',
        '    profiles: [dev, "${EXTRA:-debug}"]',
        '    ports:',
        '      - "3000"',
        '      - "8080:80"',
        '      - "127.0.0.1:${PORT:-5432}:5432/udp"',
        '      - "[::1]:9000:9000"',
        '      - 7000-7005:7000-7005',
        '      - {target: 443, published: "8443", host_ip: 0.0.0.0, protocol: tcp}',
        '      - {target: 53}',
        '',
      ].join('\n'),
    );
    const [service] = model.services;
    expect(service.profiles?.map((profile) => profile.interpolated ?? profile.value)).toEqual(['dev', 'debug']);
    expect(service.publishedPorts?.map(({ port, hostIp, protocol, range }) => [port, hostIp, protocol, at(range)])).toEqual([
      ['8080', '', 'tcp', '6:9-6:18'],
      ['5432', '127.0.0.1', 'udp', '7:9-7:43'],
      ['9000', '::1', 'tcp', '8:9-8:26'],
      ['7000-7005', '', 'tcp', '9:9-9:28'],
      ['8443', '0.0.0.0', 'tcp', '10:34-10:40'],
    ]);
  });
});
