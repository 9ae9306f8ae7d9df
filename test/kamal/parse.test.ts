import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors';
import { blankErb, parseKamal } from '../../src/kamal/parse';
import { SourceFile } from '../../src/source';
import type { Range } from '../../src/types';

function kamal(lines: string[]) {
  return parseKamal(new SourceFile('config/deploy.yml', lines.join('\n') + '\n', 'kamal'));
}

function at(range: Range | undefined): string {
  if (!range) return 'none';
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

describe('Kamal deploy.yml', () => {
  it('reads a host list as the web role, volumes, env and builder', () => {
    const model = kamal([
      'service: blog',
      'image: me/blog',
      'servers:',
      '  - 10.0.0.1',
      '  - 10.0.0.2',
      'volumes:',
      '  - "/srv/blog/storage:/rails/storage"',
      '  - blog_data:/data:ro',
      'env:',
      '  clear:',
      '    DATABASE_URL: sqlite3:///rails/storage/production.sqlite3',
      '  secret:',
      '    - RAILS_MASTER_KEY',
      '    - DB_PASSWORD:MAIN_DB_PASSWORD',
      'proxy:',
      '  host: blog.example.com',
      '  app_port: 3000',
      'builder:',
      '  arch: amd64',
      '  dockerfile: Dockerfile.prod',
      '  args:',
      '    RUBY_VERSION: 3.3.0',
    ]);
    expect(model.service?.value).toBe('blog');
    expect(model.image?.value).toBe('me/blog');
    expect(model.roles).toHaveLength(1);
    expect(model.roles[0].name).toBe('web');
    expect(at(model.roles[0].nameRange)).toBe('3:1-3:8');
    expect(model.roles[0].hosts.map((host) => [host.value, at(host.range)])).toEqual([
      ['10.0.0.1', '4:5-4:13'],
      ['10.0.0.2', '5:5-5:13'],
    ]);
    const [bind, named] = model.volumes;
    expect(bind).toMatchObject({ source: '/srv/blog/storage', sourceType: 'bind', target: '/rails/storage', readOnly: false });
    expect(at(bind.spec.range)).toBe('7:5-7:39');
    expect(named).toMatchObject({ source: 'blog_data', sourceType: 'volume', target: '/data', readOnly: true });
    expect(model.env?.clear.map((entry) => [entry.name, entry.value?.value])).toEqual([['DATABASE_URL', 'sqlite3:///rails/storage/production.sqlite3']]);
    expect(model.env?.secret.map((entry) => [entry.name, at(entry.range)])).toEqual([
      ['RAILS_MASTER_KEY', '13:7-13:23'],
      ['DB_PASSWORD', '14:7-14:35'],
    ]);
    expect(model.proxy?.host?.value).toBe('blog.example.com');
    expect(model.proxy?.appPort?.value).toBe(3000);
    expect(at(model.proxy?.appPort?.range)).toBe('17:13-17:17');
    expect(model.builder?.dockerfile?.value).toBe('Dockerfile.prod');
    expect(model.builder?.context).toBeUndefined();
    expect(model.builder?.args.map((arg) => [arg.name, arg.value?.value])).toEqual([['RUBY_VERSION', '3.3.0']]);
    expect(model.errors).toEqual([]);
  });

  it('reads roles as lists or mappings with hosts, cmd and env', () => {
    const model = kamal([
      'servers:',
      '  web:',
      '    - 10.0.0.1',
      '  job:',
      '    hosts:',
      '      - 10.0.0.2: [worker]',
      '    cmd: bin/jobs',
      '    env:',
      '      QUEUE: default',
    ]);
    expect(model.roles.map((role) => role.name)).toEqual(['web', 'job']);
    const job = model.roles[1];
    expect(job.hosts.map((host) => [host.value, at(host.range)])).toEqual([['10.0.0.2', '6:9-6:17']]);
    expect(job.cmd?.value).toBe('bin/jobs');
    expect(job.env?.clear.map((entry) => entry.name)).toEqual(['QUEUE']);
    expect(job.env?.secret).toEqual([]);
    expect(at(job.nameRange)).toBe('4:3-4:6');
  });

  it('reads accessories with host, roles, volumes and directories', () => {
    const model = kamal([
      'servers:',
      '  web: [10.0.0.1]',
      'accessories:',
      '  litestream:',
      '    image: litestream/litestream:0.3',
      '    roles: [web]',
      '    volumes:',
      '      - /srv/storage:/data',
      '    directories:',
      '      - data:/var/lib/litestream',
      '    cmd: replicate',
      '    env:',
      '      secret: [AWS_SECRET_ACCESS_KEY]',
      '  redis:',
      '    image: redis:7',
      '    host: 10.0.0.3',
    ]);
    const [litestream, redis] = model.accessories;
    expect(litestream.image?.value).toBe('litestream/litestream:0.3');
    expect(litestream.roles?.map((role) => role.value)).toEqual(['web']);
    expect(litestream.hosts.map((host) => host.value)).toEqual(['10.0.0.1']);
    expect(litestream.volumes[0]).toMatchObject({ source: '/srv/storage', sourceType: 'bind', target: '/data' });
    expect(at(litestream.volumes[0].spec.range)).toBe('8:9-8:27');
    expect(litestream.directories[0]).toMatchObject({ source: 'data', sourceType: 'bind', target: '/var/lib/litestream' });
    expect(litestream.cmd?.value).toBe('replicate');
    expect(litestream.env?.secret.map((entry) => entry.name)).toEqual(['AWS_SECRET_ACCESS_KEY']);
    expect(redis.hosts.map((host) => [host.value, at(host.range)])).toEqual([['10.0.0.3', '16:11-16:19']]);
    expect(at(redis.nameRange)).toBe('14:3-14:8');
  });

  it('treats a plain env mapping as clear variables', () => {
    const model = kamal(['env:', '  RAILS_ENV: production']);
    expect(model.env?.clear.map((entry) => entry.name)).toEqual(['RAILS_ENV']);
    expect(model.env?.secret).toEqual([]);
  });

  it('resolves anchors and merge keys with the anchor positions', () => {
    const model = kamal([
      'x-vol: &vol "/srv/db:/rails/storage"',
      'volumes:',
      '  - *vol',
      'accessories:',
      '  a: &acc',
      '    image: busybox',
      '  b:',
      '    <<: *acc',
      '    host: 10.0.0.9',
    ]);
    expect(at(model.volumes[0].spec.range)).toBe('1:13-1:37');
    expect(model.accessories[1].image?.value).toBe('busybox');
    expect(at(model.accessories[1].image?.range)).toBe('6:12-6:19');
  });

  it('tolerates ERB: control lines are blanked, output tags keep their text and exact positions', () => {
    const model = kamal([
      'service: blog',
      "image: <%= ENV['IMAGE'] %>",
      'servers:',
      '<% if ENV["STAGING"] %>',
      '  - staging.example.com',
      '<% else %>',
      '  - <%= ENV.fetch("HOST") %>',
      '<% end %>',
      'volumes:',
      '  - "/srv/<%= ENV[\'APP\'] %>/storage:/rails/storage"',
    ]);
    expect(model.image?.value).toBe("<%= ENV['IMAGE'] %>");
    expect(at(model.image?.range)).toBe('2:8-2:27');
    expect(model.roles[0].hosts.map((host) => [host.value, at(host.range)])).toEqual([
      ['staging.example.com', '5:5-5:24'],
      ['<%= ENV.fetch("HOST") %>', '7:5-7:29'],
    ]);
    expect(model.volumes[0].source).toBe("/srv/<%= ENV['APP'] %>/storage");
    expect(model.volumes[0].target).toBe('/rails/storage');
  });

  it('reads a destination file that is only ERB as empty, without an error; YAML beside the tags is still read', () => {
    const only = kamal(['# rendered by Kamal', '<%= File.read(File.join(__dir__, "deploy.shared.yml")) %>', '<% if ENV["EU"] %>', '<%= ENV["EU_SERVERS"] %>', '<% end %>']);
    expect(only).toMatchObject({ roles: [], volumes: [], errors: [] });
    expect(kamal(['<%= a %>', '    <%= b %>', '<%# comment %>']).errors).toEqual([]);
    expect(() => kamal(['<%= a %>', 'plain text'])).toThrow(ParseError);
    expect(kamal(['<% if true %>', 'servers:', '  - <%= ENV["HOST"] %>', '<% end %>']).roles[0].hosts.map((host) => host.value)).toEqual(['<%= ENV["HOST"] %>']);
  });

  it('restores every output tag of a scalar, one written as is and one folded over two lines', () => {
    const model = kamal([
      'service: blog',
      "image: <%= ENV['REGISTRY'] %>/blog:<%= ENV['TAG'] %>",
      'servers:',
      '  - "<%= ENV[\'A\'] %>',
      '    <%= ENV[\'B\'] %>"',
      "  - plain-<%= 1 %>-host_name",
    ]);
    expect(model.image?.value).toBe("<%= ENV['REGISTRY'] %>/blog:<%= ENV['TAG'] %>");
    expect(model.roles[0].hosts.map((host) => host.value)).toEqual(["<%= ENV['A'] %> <%= ENV['B'] %>", 'plain-<%= 1 %>-host_name']);
  });

  it('blanks ERB with text of the same length and the same line breaks', () => {
    const text = 'a: <%= x %>\n<% if y\n  z %>\nb: <%% literal %>\n';
    const blanked = blankErb(text).text;
    expect(blanked).toHaveLength(text.length);
    expect(blanked).toBe('a: ________\n       \n      \nb: <%% literal %>\n');
  });

  it('reports a volume without a container path', () => {
    const model = kamal(['volumes:', '  - /srv/data']);
    expect(model.volumes).toEqual([]);
    expect(model.errors).toHaveLength(1);
    expect(at(model.errors[0].range)).toBe('2:5-2:14');
  });

  it('throws ParseError for YAML it cannot read', () => {
    expect(() => kamal(['service: [a', 'image: b'])).toThrow(ParseError);
    expect(() => kamal(['- a'])).toThrow(ParseError);
  });
});
