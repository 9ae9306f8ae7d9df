import { posix } from 'path';
import type { ComposeModel, ComposeService, ServiceVolume, YamlScalar } from '../src/compose/model';
import type { KamalAccessory, KamalModel, KamalVolume } from '../src/kamal/model';
import type { Located } from '../src/dockerfile/model';
import { kamalAccessoryFacts, mountEvidence, type ContainerFacts, type MountEvidence } from '../src/mounts/evidence';
import { nonSqliteImage, serverDatabaseVariable } from '../src/mounts/non-writers';
import { imageName } from '../src/knowledge/stock-images';
import type { SqliteEvidence } from '../src/sqlite/evidence-types';
import { relatedEvidence } from '../src/sqlite/messages';
import { writtenText } from '../src/quote';
import { relatedAt, type SourceFile } from '../src/source';
import { defineRule, type OptionSpecs, type OptionsOf, type RuleContext, type Range, type Severity } from '../src/rule-api';

/**
 * The remedies the findings suggest. Why each case loses data (worded after the reference, §6.2:
 * containers are not the problem, overlapping writers, several hosts and network filesystems are)
 * is in docs/rules/shared-volume-overlap.md; a message names only the case and its facts.
 */
const SERVER_DATABASE = 'use a server database when several hosts must write';
const REMEDIES = `Stop the old container before the new one starts (stop-first), keep a single writer service, serialise deploys, or ${SERVER_DATABASE}.`;
const ONE_HOST = `On one host this works while one service owns the schema and every writer waits its turn (busy timeout); across deploys or hosts, keep a single writer or ${SERVER_DATABASE}.`;

// {{volume}} is "volume 'appdata'" or "host directory ./state"; {{who}} "role 'web'" or "accessory 'db'".
const messages = {
  blueGreenPair: "services '{{first}}' and '{{second}}' (a blue/green pair of one {{made}}) both write {{volume}} (SQLite data)",
  swarmServicesShare: "services '{{first}}' and '{{second}}' of a swarm stack both write {{volume}} (SQLite data); the swarm may place them on different nodes",
  servicesShare: "services '{{first}}' and '{{second}}' both write {{volume}} (SQLite data)",
  startFirst: "service '{{service}}' uses deploy.{{setting}}.order: start-first: old and new tasks write {{volume}} (SQLite data)",
  containers: "service '{{service}}' runs {{count}} containers ({{setting}}) that write {{volume}} (SQLite data)",
  swarmReplicas: "service '{{service}}' runs {{count}} swarm replicas ({{setting}}) that write {{volume}} (SQLite data)",
  globalMode: "service '{{service}}' uses deploy.mode: global, one task per swarm node, and each writes {{volume}} (SQLite data)",
  kamalOverlap: 'kamal deploys overlap old and new containers of {{roles}}, which write {{volume}} (SQLite data)',
  kamalOverlapMigrates: 'kamal deploys overlap old and new containers of {{roles}}, which write {{volume}} (SQLite data), and the new one migrates on boot',
  hostShared: '{{who}} runs on {{host}} too, where {{other}} already writes {{volume}} (SQLite data)',
  copyPerHost: '{{who}} on {{firstHost}} and {{host}} mounts {{volume}} (SQLite data): one copy per host',
  writersOnHosts: '{{who}} mounts {{volume}} (SQLite data) on {{host}}, but {{other}} writes it on {{otherHost}}',
  accessoryWrites: '{{who}} mounts {{volume}} read-write on {{host}}, where {{other}} writes its SQLite data too',
};

type Context = RuleContext<unknown, keyof typeof messages>;

const OPTIONS = {
  /** More images allowed to share a SQLite volume, like Litestream and LiteFS. */
  sidecars: { type: 'string[]', default: [] },
} satisfies OptionSpecs;

type Options = OptionsOf<typeof OPTIONS>;

function uniqueEvidence(items: SqliteEvidence[]): SqliteEvidence[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.file}:${item.range.start.offset}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Compose and Swarm stacks

interface ComposeMount {
  service: ComposeService;
  volume: ServiceVolume;
  key: string;
  /** "volume 'appdata'", "host directory ./state" */
  label: string;
  facts: ContainerFacts;
  sidecar: boolean;
  /** What this container's own configuration says about the mount. */
  own: MountEvidence;
  /** Why this container never writes SQLite (a stock nginx, a service on Postgres), if it does not. */
  notWriter?: string;
}

function isStackFile(path: string): boolean {
  return /^docker-stack[^/]*\.ya?ml$/i.test(posix.basename(path));
}

function textOf(scalar: YamlScalar): string {
  return scalar.interpolated ?? scalar.value;
}

/** A host path as compose resolves it: relative to the compose file's directory, `${PWD}` as that directory. */
function hostPathKey(source: YamlScalar, baseDir: string): string {
  const raw = source.value;
  const pwd = /^\$(?:\{PWD\}|PWD(?![A-Za-z0-9_]))/.exec(raw);
  let text: string;
  if (pwd) {
    const rest = raw.slice(pwd[0].length);
    if (rest.includes('$')) return `raw:${raw}`;
    text = `.${rest}`;
  } else {
    text = textOf(source);
  }
  const path = text.startsWith('/') || text.startsWith('~') ? posix.normalize(text) : posix.join(baseDir, text);
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function mountKey(compose: ComposeModel, service: ComposeService, volume: ServiceVolume): { key: string; label: string } | undefined {
  if (!volume.source) return undefined;
  const name = textOf(volume.source);
  if (name === '') return undefined;
  // Labels quote the source as written: an interpolated name's value may come from `.env`.
  const written = writtenText(volume.source);
  if (volume.type === 'bind') {
    const baseDir = volume.source.baseDir ?? service.baseDir ?? posix.dirname(service.file.path);
    return { key: `bind:${hostPathKey(volume.source, baseDir)}`, label: `host directory ${written}` };
  }
  if (volume.type !== 'volume') return undefined;
  const declared = compose.volumes.find((item) => item.name === name);
  if (declared?.bindDevice) return { key: `bind:${declared.bindDevice.replace(/\/+$/, '')}`, label: `volume '${written}'` };
  const realName = declared?.realName ? textOf(declared.realName) : undefined;
  return { key: `volume:${realName ?? name}`, label: `volume '${written}'` };
}

/** Where a mount is reported: the whole short-syntax scalar, or the long syntax's `source:` value. */
function mountLocation(service: ComposeService, volume: ServiceVolume): { file: string; range: Range } {
  const scalar = volume.syntax === 'short' ? volume.spec ?? volume.source : volume.source;
  const file = scalar?.file ?? volume.file ?? service.file;
  return { file: file.path, range: scalar?.range ?? volume.range };
}

/** `x` starts only after `before` has completed (`service_completed_successfully`), directly or through its dependencies. */
function startsAfterCompletion(x: ComposeService, before: ComposeService, services: Map<string, ComposeService>, seen = new Set<ComposeService>()): boolean {
  seen.add(x);
  for (const dependency of x.dependsOn) {
    if (dependency.service === before.name && dependency.condition === 'service_completed_successfully') return true;
    const next = services.get(dependency.service);
    if (next && !seen.has(next) && startsAfterCompletion(next, before, services, seen)) return true;
  }
  return false;
}

function sameApp(a: ContainerFacts, b: ContainerFacts, sa: ComposeService, sb: ComposeService): boolean {
  if (sa.build && sb.build) {
    const context = (service: ComposeService) => `${service.build?.baseDir ?? ''}|${service.build?.context?.value ?? '.'}|${service.build?.dockerfile?.value ?? 'Dockerfile'}|${service.build?.target?.value ?? ''}`;
    if (context(sa) === context(sb)) return true;
  }
  const nameA = a.image ? imageName(a.image.reference) : undefined;
  const nameB = b.image ? imageName(b.image.reference) : undefined;
  return nameA !== undefined && nameA === nameB;
}

/** The command a service runs, as written (command and entrypoint; unset means the image's). */
function commandLine(service: ComposeService): string {
  const words = (scalars: YamlScalar[] | undefined) => (scalars ? scalars.map(textOf).join(' ').trim().split(/\s+/).join(' ') : '');
  return `${words(service.entrypoint)}\0${words(service.command)}`;
}

/**
 * Two services are alternatives that never run together: both are in profiles, none shared
 * (`app` in `prod`, `app-dev` in `dev`), or both publish one host port (the second fails to start).
 */
function exclusive(a: ComposeService, b: ComposeService): boolean {
  const profilesA = (a.profiles ?? []).map(textOf);
  const profilesB = (b.profiles ?? []).map(textOf);
  if (profilesA.length > 0 && profilesB.length > 0 && !profilesA.some((profile) => profilesB.includes(profile))) return true;
  for (const port of a.publishedPorts ?? []) {
    const clash = (b.publishedPorts ?? []).some(
      (other) => other.port === port.port && other.protocol === port.protocol && (other.hostIp === '' || port.hostIp === '' || other.hostIp === port.hostIp),
    );
    if (clash) return true;
  }
  return false;
}

/**
 * Why the container never writes SQLite, if it does not: a stock image that never opens it, or a
 * service on a server database that names no SQLite file of its own in the mount.
 */
function notWriterReason(facts: ContainerFacts, own: MountEvidence): string | undefined {
  const stock = facts.image ? nonSqliteImage(facts.image.reference) : undefined;
  if (stock) return `image ${stock.key}: ${stock.what}`;
  if (own.named) return undefined;
  const variable = serverDatabaseVariable(facts.env);
  return variable ? `${variable} points at a server database` : undefined;
}

function checkCompose(context: Context, compose: ComposeModel, options: Options): void {
  const stack = isStackFile(compose.file.path);
  const services = new Map(compose.services.map((service) => [service.name, service]));
  const factsOf = new Map<ComposeService, ContainerFacts>();
  const groups = new Map<string, ComposeMount[]>();
  for (const service of compose.services) {
    for (const volume of service.volumes) {
      const identity = mountKey(compose, service, volume);
      if (!identity) continue;
      let facts = factsOf.get(service);
      if (!facts) {
        facts = context.facts.composeService(compose, service);
        factsOf.set(service, facts);
      }
      const sidecar = facts.image ? context.knowledge.sidecar(facts.image.reference, options.sidecars) !== undefined : false;
      const own = mountEvidence(facts, volume.target, context.knowledge);
      // A SQLite file it names in the mount outweighs a server database URL (a Rails app with Postgres
      // and a SQLite cache); an inference from its image (a driver and /data) does not.
      const notWriter = notWriterReason(facts, own);
      const group = groups.get(identity.key) ?? [];
      group.push({ service, volume, key: identity.key, label: identity.label, facts, sidecar, own, ...(notWriter ? { notWriter } : {}) });
      groups.set(identity.key, group);
    }
  }

  /** The first SQLite mount of each writing service, for the deploy settings. */
  const sqliteWriters = new Map<ComposeService, { mount: ComposeMount; evidence: SqliteEvidence[] }>();
  for (const group of groups.values()) {
    const holders = group.filter((mount) => mount.own.evidence.length > 0 && !mount.notWriter);
    if (holders.length === 0) continue;
    // A database file some service names is reached by every container that mounts the volume;
    // an image's own data path or VOLUME only says what that image (and the same app) keeps there.
    const named = holders.some((mount) => mount.own.named);
    const writes = (mount: ComposeMount) =>
      !mount.volume.readOnly && !mount.sidecar && !mount.notWriter &&
      (mount.own.evidence.length > 0 || named || holders.some((holder) => sameApp(holder.facts, mount.facts, holder.service, mount.service)));
    const writers = group.filter(writes);
    for (const writer of writers) {
      if (sqliteWriters.has(writer.service)) continue;
      sqliteWriters.set(writer.service, { mount: writer, evidence: uniqueEvidence([...writer.own.evidence, ...holders.flatMap((mount) => mount.own.evidence)]) });
    }
    writers.forEach((writer, index) => {
      const earlier = writers.slice(0, index);
      if (earlier.some((other) => other.service === writer.service)) return;
      const first = earlier.find(
        (other) =>
          !startsAfterCompletion(writer.service, other.service, services) &&
          !startsAfterCompletion(other.service, writer.service, services) &&
          !exclusive(writer.service, other.service),
      );
      if (!first) return;
      const evidence = uniqueEvidence([...first.own.evidence, ...writer.own.evidence, ...holders.flatMap((mount) => mount.own.evidence)]);
      reportComposeShare(context, stack, writer, first, evidence);
    });
  }
  for (const [service, { mount, evidence }] of sqliteWriters) reportDeploySettings(context, stack, service, mount, evidence);
}

function reportComposeShare(context: Context, stack: boolean, writer: ComposeMount, first: ComposeMount, evidence: SqliteEvidence[]): void {
  const here = mountLocation(writer.service, writer.volume);
  const there = mountLocation(first.service, first.volume);
  // A blue/green pair runs one app twice; the same image with another command (web and worker,
  // server and scheduler) is several writers on one host, the case WAL is built for.
  const same = sameApp(writer.facts, first.facts, writer.service, first.service) && commandLine(writer.service) === commandLine(first.service);
  const data = { first: first.service.name, second: writer.service.name, volume: writer.label, made: writer.service.build ? 'build' : 'image' };
  let severity: Severity;
  let messageId: keyof typeof messages;
  let help: string;
  if (same) {
    severity = 'error';
    messageId = 'blueGreenPair';
    help = REMEDIES;
  } else if (stack) {
    severity = 'warning';
    messageId = 'swarmServicesShare';
    help = `Keep a single writer service, or constrain both to one node (one service owning the schema), or ${SERVER_DATABASE}.`;
  } else {
    severity = 'info';
    messageId = 'servicesShare';
    help = ONE_HOST;
  }
  context.report({
    file: here.file,
    range: here.range,
    severity,
    entryLine: writer.volume.range.start.line,
    messageId,
    data,
    help,
    related: [relatedAt(there.file, there.range, `also mounted by service '${first.service.name}'`), relatedEvidence(evidence[0], 'SQLite data in the volume')],
  });
}

function reportDeploySettings(context: Context, stack: boolean, service: ComposeService, mount: ComposeMount, evidence: SqliteEvidence[]): void {
  const mountAt = mountLocation(service, mount.volume);
  const related = [relatedAt(mountAt.file, mountAt.range, `service '${service.name}' mounts ${mount.label} here`), relatedEvidence(evidence[0], 'SQLite data in the volume')];
  const deploy = service.deploy;
  for (const [order, key] of [
    [deploy?.updateOrder, 'update_config'],
    [deploy?.rollbackOrder, 'rollback_config'],
  ] as const) {
    if (order?.value !== 'start-first') continue;
    context.report({
      file: (order.file ?? deploy?.file ?? service.file).path,
      range: order.range,
      severity: 'error',
      messageId: 'startFirst',
      data: { service: service.name, setting: key, volume: mount.label },
      help: `Use order: stop-first, keep a single writer service, serialise deploys, or ${SERVER_DATABASE}.`,
      related,
    });
  }
  const copies: { value: number; range: Range; file: SourceFile; what: string }[] = [];
  if (deploy?.replicas && deploy.replicas.value > 1) copies.push({ value: deploy.replicas.value, range: deploy.replicas.range, file: deploy.replicas.file ?? deploy.file ?? service.file, what: `deploy.replicas: ${deploy.replicas.value}` });
  if (service.scale && service.scale.value > 1) copies.push({ value: service.scale.value, range: service.scale.range, file: service.scale.file ?? service.file, what: `scale: ${service.scale.value}` });
  for (const copy of copies) {
    const data = { service: service.name, count: copy.value, setting: copy.what, volume: mount.label };
    const help = stack
      ? `Run one replica, keep a single writer service, or ${SERVER_DATABASE}.`
      : `Run one container (a single writer), stop the old one before the new one starts, serialise deploys, or ${SERVER_DATABASE}.`;
    context.report({ file: copy.file.path, range: copy.range, severity: stack ? 'error' : 'warning', messageId: stack ? 'swarmReplicas' : 'containers', data, help, related });
  }
  if (stack && deploy?.mode?.value === 'global') {
    context.report({
      file: (deploy.mode.file ?? deploy.file ?? service.file).path,
      range: deploy.mode.range,
      severity: 'error',
      messageId: 'globalMode',
      data: { service: service.name, volume: mount.label },
      help: `Run one replica with a placement constraint, or ${SERVER_DATABASE}.`,
      related,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Kamal

interface KamalMount {
  /** `role` mounts are the global `volumes:`, one per role and host; accessories mount their own. */
  owner: { kind: 'app' } | { kind: 'accessory'; accessory: KamalAccessory };
  volume: KamalVolume;
  key: string;
  facts: ContainerFacts;
}

function kamalKey(volume: KamalVolume, accessory?: KamalAccessory, directory = false): string {
  if (volume.sourceType === 'volume') return `volume:${volume.source}`;
  const source = volume.source;
  // Kamal puts relative accessory directories under <service>-<accessory>/ on the host.
  if (accessory && directory && !source.startsWith('/') && !source.startsWith('~')) return `dir:${accessory.name}/${posix.normalize(source)}`;
  const path = posix.normalize(source);
  return `bind:${path.length > 1 ? path.replace(/\/+$/, '') : path}`;
}

function volumeLabel(volume: KamalVolume): string {
  return volume.sourceType === 'volume' ? `volume '${volume.source}'` : `host directory ${volume.source}`;
}

/**
 * A Kamal config as `kamal deploy` reads it: `config/deploy.yml`, or a destination file
 * (`config/deploy.staging.yml`, with `-d staging`) merged over it the way Kamal merges them (mappings
 * key by key, the destination winning; lists replaced): roles and accessories by name, `volumes:`
 * replaced when the destination sets it. `origin` says which file a role, volume or accessory is
 * written in; what comes from the base file alone is reported by the base file's own view.
 */
interface KamalView {
  kamal: KamalModel;
  base?: KamalModel;
  origin: WeakMap<object, string>;
}

const DESTINATION_FILE = /^(.*\/)?deploy\.[^/]+\.yml$/;

function kamalViews(configs: readonly KamalModel[]): KamalView[] {
  const byPath = new Map(configs.map((kamal) => [kamal.file.path, kamal]));
  return configs.flatMap((kamal): KamalView[] => {
    const match = DESTINATION_FILE.exec(kamal.file.path);
    const base = match ? byPath.get(`${match[1] ?? ''}deploy.yml`) : undefined;
    if (!base || base === kamal) return [{ kamal, origin: new WeakMap() }];
    // A destination that only sets env, a builder or the image changes no mount and no host.
    if (kamal.roles.length === 0 && kamal.volumes.length === 0 && kamal.accessories.length === 0) return [];
    const origin = new WeakMap<object, string>();
    const fromBase = <T extends object>(items: readonly T[]): T[] => {
      for (const item of items) origin.set(item, base.file.path);
      return [...items];
    };
    const byName = <T extends { name: string }>(baseItems: readonly T[], own: readonly T[]): T[] => [
      ...fromBase(baseItems.filter((item) => !own.some((other) => other.name === item.name))),
      ...own,
    ];
    const merged: KamalModel = {
      ...base,
      ...kamal,
      service: kamal.service ?? base.service,
      image: kamal.image ?? base.image,
      roles: byName(base.roles, kamal.roles),
      volumes: kamal.volumes.length > 0 ? kamal.volumes : fromBase(base.volumes),
      accessories: byName(base.accessories, kamal.accessories),
      env: kamal.env ?? base.env,
      builder: kamal.builder ?? base.builder,
      file: kamal.file,
    };
    return [{ kamal: merged, base, origin }];
  });
}

function checkKamal(context: Context, view: KamalView, options: Options): void {
  const kamal = view.kamal;
  const app = context.facts.kamalApp(kamal);
  const groups = new Map<string, KamalMount[]>();
  const add = (mount: KamalMount) => {
    const group = groups.get(mount.key) ?? [];
    group.push(mount);
    groups.set(mount.key, group);
  };
  for (const volume of kamal.volumes) add({ owner: { kind: 'app' }, volume, key: kamalKey(volume), facts: app });
  for (const accessory of kamal.accessories) {
    const facts = kamalAccessoryFacts(kamal, accessory);
    if (accessory.image && context.knowledge.sidecar(accessory.image.value, options.sidecars)) continue;
    for (const volume of accessory.volumes) add({ owner: { kind: 'accessory', accessory }, volume, key: kamalKey(volume, accessory), facts });
    for (const volume of accessory.directories) add({ owner: { kind: 'accessory', accessory }, volume, key: kamalKey(volume, accessory, true), facts });
  }
  for (const group of groups.values()) {
    // As for compose: an image's own data path speaks for its mount only, a named database file for
    // every container that mounts it; a stock nginx or Postgres accessory, or an app on a server database, never writes SQLite.
    const mounts = group.map((mount) => {
      const own = mountEvidence(mount.facts, mount.volume.target, context.knowledge);
      const notWriter = notWriterReason(mount.facts, own) !== undefined;
      return { mount, own, notWriter };
    });
    const holders = mounts.filter((item) => item.own.evidence.length > 0 && !item.notWriter);
    if (holders.length === 0) continue;
    const named = holders.some((item) => item.own.named);
    const writers = mounts.filter((item) => !item.mount.volume.readOnly && !item.notWriter && (item.own.evidence.length > 0 || named)).map((item) => item.mount);
    checkKamalGroup(context, view, app, writers, uniqueEvidence(holders.flatMap((item) => item.own.evidence)));
  }
}

interface HostWriter {
  host: Located;
  who: string;
  /** The file the host is written in. */
  file: string;
}

/** The hosts that write a volume, in the order met, looked up by name: a role may list thousands of hosts. */
class HostWriters {
  readonly all: HostWriter[] = [];
  readonly #first = new Map<string, HostWriter>();
  readonly #pairs = new Set<string>();

  /** The first writer met on the host. */
  firstOn(host: string): HostWriter | undefined {
    return this.#first.get(host);
  }

  has(host: string, who: string): boolean {
    return this.#pairs.has(`${who}\0${host}`);
  }

  add(host: Located, who: string, file: string): void {
    const writer = { host, who, file };
    this.all.push(writer);
    if (!this.#first.has(host.value)) this.#first.set(host.value, writer);
    this.#pairs.add(`${who}\0${host.value}`);
  }
}

function checkKamalGroup(context: Context, view: KamalView, app: ContainerFacts, writers: KamalMount[], evidence: SqliteEvidence[]): void {
  const kamal = view.kamal;
  const fileOf = (part: object): string => view.origin.get(part) ?? kamal.file.path;
  const fromBase = (part: object): boolean => view.origin.has(part);
  const appMount = writers.find((mount) => mount.owner.kind === 'app');
  const proof = relatedEvidence(evidence[0], 'SQLite data in the volume');
  const hostsWriting = new HostWriters();

  if (appMount && kamal.roles.length > 0) {
    const spec = appMount.volume.spec;
    const specFile = fileOf(appMount.volume);
    const label = volumeLabel(appMount.volume);
    const roleNames = kamal.roles.map((role) => `'${role.name}'`).join(', ');
    const migration = context.facts.kamalMigrationOnBoot(kamal);
    // The base file's own view reports its volume, unless the base has no roles of its own.
    const reportedByBase = fromBase(appMount.volume) && (view.base?.roles.length ?? 0) > 0;
    if (!reportedByBase) context.report({
      file: specFile,
      range: spec.range,
      severity: migration ? 'error' : 'warning',
      messageId: migration ? 'kamalOverlapMigrates' : 'kamalOverlap',
      data: { roles: `role${kamal.roles.length > 1 ? 's' : ''} ${roleNames}`, volume: label },
      help: `Serialise and space out deploys, stop the old container before the new one writes where a short downtime is acceptable, keep a single writer, or ${SERVER_DATABASE}.`,
      related: migration ? [proof, { file: migration.file, line: migration.line, column: migration.column, message: migration.message }] : [proof],
    });

    for (const role of kamal.roles) {
      const file = fileOf(role);
      for (const host of role.hosts) {
        const previous = hostsWriting.firstOn(host.value);
        const who = `role '${role.name}'`;
        if (previous?.who === who) continue;
        const related = [relatedAt(specFile, spec.range, `every role mounts ${label} here`), proof];
        if (fromBase(role) && (!view.base || fromBase(appMount.volume))) {
          // Reported by the base file's own view.
        } else if (previous) {
          context.report({
            file,
            range: host.range,
            severity: 'error',
            messageId: 'hostShared',
            data: { who, host: host.value, other: previous.who, volume: label },
            help: 'Keep a single writer role (let the others reach the data through it), serialise deploys, or use a server database.',
            related: [relatedAt(previous.file, previous.host.range, `also mounted by ${previous.who} on ${host.value}`), ...related],
          });
        } else if (hostsWriting.all.length > 0) {
          const firstHost = hostsWriting.all[0];
          context.report({
            file,
            range: host.range,
            severity: 'error',
            ...(firstHost.who === who
              ? { messageId: 'copyPerHost' as const, data: { who, firstHost: firstHost.host.value, host: host.value, volume: label } }
              : { messageId: 'writersOnHosts' as const, data: { who, volume: label, host: host.value, other: firstHost.who, otherHost: firstHost.host.value } }),
            help: `Run every role that writes the database on one host, or ${SERVER_DATABASE}.`,
            related: [relatedAt(firstHost.file, firstHost.host.range, `also mounted by ${firstHost.who} on ${firstHost.host.value}`), ...related],
          });
        }
        hostsWriting.add(host, who, file);
      }
    }
  }

  for (const mount of writers) {
    if (mount.owner.kind !== 'accessory') continue;
    const accessory = mount.owner.accessory;
    const file = fileOf(accessory);
    const who = `accessory '${accessory.name}'`;
    const shared = accessory.hosts.map((host) => ({ host, previous: hostsWriting.firstOn(host.value) })).find((item) => item.previous);
    // An accessory and a writer that both come from the base file: its own view reports them.
    const reportedByBase = view.base !== undefined && fromBase(accessory) && shared?.previous?.file === view.base.file.path;
    if (shared?.previous && !reportedByBase) {
      const previous = shared.previous;
      const appLabel = appMount ? volumeLabel(appMount.volume) : volumeLabel(mount.volume);
      context.report({
        file,
        range: mount.volume.spec.range,
        severity: 'error',
        entryLine: mount.volume.spec.range.start.line,
        messageId: 'accessoryWrites',
        data: { who, volume: appLabel, host: shared.host.value, other: previous.who },
        help: 'Mount it read-only in the accessory (:ro), keep a single writer, or use a server database.',
        related: [relatedAt(previous.file, previous.host.range, `also mounted by ${previous.who} on ${shared.host.value}`), proof],
      });
    }
    for (const host of accessory.hosts) if (!hostsWriting.has(host.value, who)) hostsWriting.add(host, who, file);
  }
}

export const sharedVolumeOverlap = defineRule({
  meta: {
    id: 'shared-volume-overlap',
    defaultSeverity: 'error',
    description: 'A volume holding SQLite data mounted read-write by containers that run at the same time: a deploy switchover, replicas, several hosts or several services.',
    kinds: ['compose', 'kamal'],
    options: OPTIONS,
    help: REMEDIES,
    messages,
  },
  check(context) {
    const { options } = context;
    for (const compose of context.project.composeFiles) checkCompose(context, compose, options);
    for (const view of kamalViews(context.project.kamalConfigs)) checkKamal(context, view, options);
  },
});

