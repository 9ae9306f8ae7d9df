import { posix } from 'path';
import type { ComposeModel, ComposeService, YamlScalar } from '../src/compose/model';
import type { KamalModel, KamalRole, KamalVolume } from '../src/kamal/model';
import { isLitestreamImage, litestreamImageReplicates, runsReplicate } from '../src/backup/litestream';
import { imageName } from '../src/knowledge/stock-images';
import { findInStart } from '../src/backup/container-start';
import { relatedAt } from '../src/source';
import { defineRule, type Range, type RuleContext } from '../src/rule-api';
import { composeMountKey } from '../src/mounts/mount-key';

// {{who}} and {{other}} are "service 'web'", "role 'web'" or "accessory 'litestream'".
const messages = {
  replicas: '{{who}} runs litestream replicate in {{count}} replicas: each replicates the same database',
  twoReplicators: "{{who}} and {{other}} both run litestream replicate on '{{volume}}'",
  overlappingRoles: '{{who}} and {{other}} both run litestream replicate on host {{host}} with the same volumes',
  deployOverlap: '{{who}} runs litestream replicate on its volumes, and each Kamal deploy starts the new container before stopping the old one',
};

const HELP = 'Run exactly one litestream replicate per database: one replica of the service, and either the -exec wrapper or a sidecar, never both.';

const HELP_DEPLOY = 'Move litestream replicate out of the role into one Kamal accessory on the same volume; kamal deploy does not restart accessories.';

type Context = RuleContext<unknown, keyof typeof messages>;

/** Where a container starts `litestream replicate`. */
interface Replicator {
  file: string;
  range: Range;
}

function joined(scalars: readonly YamlScalar[] | undefined): string | undefined {
  return scalars && scalars.length > 0 ? scalars.map((scalar) => scalar.value).join(' ') : undefined;
}

function composeReplicator(context: Context, compose: ComposeModel, service: ComposeService): Replicator | undefined {
  const commandLine = joined(service.command);
  const line = [joined(service.entrypoint), commandLine].filter(Boolean).join(' ');
  const first = service.entrypoint?.[0] ?? service.command?.[0];
  if (first && runsReplicate(line)) return { file: (first.file ?? service.file).path, range: first.range };
  const reference = service.image && !service.image.value.includes('$') ? service.image.value : undefined;
  if (reference && isLitestreamImage(imageName(reference)) && !service.entrypoint && litestreamImageReplicates(commandLine) && service.command) {
    return { file: (service.command[0].file ?? service.file).path, range: service.command[0].range };
  }
  // A compose `entrypoint:` replaces the image's ENTRYPOINT and CMD; a `command:` replaces only the CMD.
  if (service.entrypoint || !service.build) return undefined;
  const override = service.command?.[0] && commandLine ? { text: commandLine, file: (service.command[0].file ?? service.file).path, range: service.command[0].range } : undefined;
  const at = findInStart(context.facts.containerStart(context.project.buildOf(compose, service)), override, runsReplicate);
  return at ? { file: at.file, range: at.range } : undefined;
}

function checkCompose(context: Context, compose: ComposeModel): void {
  const running: { service: ComposeService; at: Replicator }[] = [];
  for (const service of compose.services) {
    const at = composeReplicator(context, compose, service);
    if (!at) continue;
    running.push({ service, at });
    const count = service.deploy?.mode?.value === 'global' ? undefined : service.deploy?.replicas ?? service.scale;
    if (count && count.value > 1) {
      context.report({
        file: (count.file ?? service.deploy?.file ?? service.file).path,
        range: count.range,
        messageId: 'replicas',
        data: { who: `service '${service.name}'`, count: String(count.value) },
        help: HELP,
        related: [relatedAt(at.file, at.range, 'litestream replicate starts here')],
      });
    }
  }
  for (let second = 1; second < running.length; second++) {
    for (let first = 0; first < second; first++) {
      const a = running[first];
      const b = running[second];
      const keys = new Set(a.service.volumes.map((volume) => composeMountKey(a.service, volume)).filter(Boolean));
      const shared = b.service.volumes.find((volume) => keys.has(composeMountKey(b.service, volume)));
      if (!shared?.source) continue;
      const scalar = shared.syntax === 'short' ? shared.spec ?? shared.source : shared.source;
      context.report({
        file: (scalar.file ?? shared.file ?? b.service.file).path,
        range: scalar.range,
        messageId: 'twoReplicators',
        data: { who: `service '${b.service.name}'`, other: `service '${a.service.name}'`, volume: shared.source.value },
        help: HELP,
        related: [relatedAt(a.at.file, a.at.range, `service '${a.service.name}' runs litestream replicate here`), relatedAt(b.at.file, b.at.range, `service '${b.service.name}' runs it here`)],
      });
      break;
    }
  }
}

function kamalKey(volume: KamalVolume): string {
  const host = posix.normalize(volume.source);
  return volume.sourceType === 'volume' ? `volume:${volume.source}` : `bind:${host.length > 1 ? host.replace(/\/+$/, '') : host}`;
}

/** Where a Kamal role's container starts `litestream replicate`: its `cmd:` (which replaces the image's CMD), the image's ENTRYPOINT or CMD, or a script they run. */
function roleReplicator(context: Context, kamal: KamalModel, role: KamalRole): Replicator | undefined {
  const override = role.cmd ? { text: role.cmd.value, file: kamal.file.path, range: role.cmd.range } : undefined;
  const at = findInStart(context.facts.containerStart(context.project.buildOfKamal(kamal)), override, runsReplicate);
  return at ? { file: at.file, range: at.range } : undefined;
}

/**
 * Kamal mounts its global volumes into every role's container on a host, so two roles that run
 * `litestream replicate` on one host replicate the same files; so does one role during every
 * deploy, because Kamal starts the new container before it stops the old one (Kamal 2's
 * `Kamal::Cli::App::Boot#run`; no setting reverses that order). An accessory running it on a
 * volume of a replicating role on the same host does too; an accessory alone is one long-lived
 * process (accessories are not redeployed by `kamal deploy`).
 */
function checkKamal(context: Context, kamal: KamalModel): void {
  if (kamal.volumes.length === 0) return;
  const roles = kamal.roles.map((role) => ({ role, at: roleReplicator(context, kamal, role) })).filter((entry): entry is { role: KamalRole; at: Replicator } => entry.at !== undefined);
  const reported = new Set<KamalRole>();
  for (let second = 1; second < roles.length; second++) {
    for (let first = 0; first < second; first++) {
      const hosts = new Set(roles[first].role.hosts.map((host) => host.value));
      const host = roles[second].role.hosts.find((candidate) => hosts.has(candidate.value));
      if (!host) continue;
      reported.add(roles[second].role);
      context.report({
        file: kamal.file.path,
        range: roles[second].role.nameRange,
        messageId: 'overlappingRoles',
        data: { who: `role '${roles[second].role.name}'`, other: `role '${roles[first].role.name}'`, host: host.value },
        help: HELP,
        related: [relatedAt(kamal.file.path, roles[first].role.nameRange, `role '${roles[first].role.name}' runs litestream replicate on the same host`)],
      });
      break;
    }
  }
  // One finding per role: a role already reported beside another on its host is not reported again for its deploys.
  for (const { role, at } of roles) {
    if (reported.has(role)) continue;
    context.report({
      file: kamal.file.path,
      range: role.nameRange,
      messageId: 'deployOverlap',
      data: { who: `role '${role.name}'` },
      help: HELP_DEPLOY,
      related: [relatedAt(at.file, at.range, 'litestream replicate starts here')],
    });
  }
  if (roles.length === 0) return;
  const appKeys = new Set(kamal.volumes.map(kamalKey));
  for (const accessory of kamal.accessories) {
    const reference = accessory.image && !accessory.image.value.includes('$') ? accessory.image.value : undefined;
    const cmd = accessory.cmd?.value;
    const runs = cmd !== undefined && (runsReplicate(cmd) || (isLitestreamImage(reference ? imageName(reference) : undefined) && litestreamImageReplicates(cmd)));
    if (!runs) continue;
    const shared = [...accessory.volumes, ...accessory.directories].find((volume) => appKeys.has(kamalKey(volume)));
    if (!shared) continue;
    // A host path is only the same directory on the same host.
    const hosts = new Set(accessory.hosts.map((host) => host.value));
    const role = accessory.hosts.length === 0 ? roles[0].role : roles.find((entry) => entry.role.hosts.some((host) => hosts.has(host.value)))?.role;
    if (!role) continue;
    context.report({
      file: kamal.file.path,
      range: shared.spec.range,
      messageId: 'twoReplicators',
      data: { who: `accessory '${accessory.name}'`, other: `role '${role.name}'`, volume: shared.source },
      help: HELP,
      related: [relatedAt(kamal.file.path, role.nameRange, `role '${role.name}' runs litestream replicate`)],
    });
  }
}

export const litestreamSingleReplicator = defineRule({
  meta: {
    id: 'litestream-single-replicator',
    defaultSeverity: 'error',
    description: 'More than one Litestream process replicating the same database (replicas above 1, the app and a sidecar on one volume, overlapping Kamal roles and deploys).',
    kinds: ['compose', 'kamal'],
    messages,
    help: HELP,
  },
  check(context) {
    for (const compose of context.project.composeFiles) checkCompose(context, compose);
    for (const kamal of context.project.kamalConfigs) checkKamal(context, kamal);
  },
});
