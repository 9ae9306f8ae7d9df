import { posix } from 'path';
import type { ComposeModel, ComposeService, YamlScalar } from '../src/compose/model';
import type { CommandInstruction, DockerfileModel } from '../src/dockerfile/model';
import type { KamalModel, KamalVolume } from '../src/kamal/model';
import { isLitestreamImage, litestreamImageReplicates, runsReplicate } from '../src/backup/litestream';
import { imageName } from '../src/knowledge/stock-images';
import { finalStageIndex } from '../src/sqlite/stages';
import { relatedAt } from '../src/source';
import { defineRule, type Range, type RuleContext } from '../src/rule-api';
import { composeMountKey } from '../src/mounts/mount-key';

// {{who}} and {{other}} are "service 'web'", "role 'web'" or "accessory 'litestream'".
const messages = {
  replicas: '{{who}} runs litestream replicate in {{count}} replicas: each replicates the same database',
  twoReplicators: "{{who}} and {{other}} both run litestream replicate on '{{volume}}'",
  overlappingRoles: '{{who}} and {{other}} both run litestream replicate on host {{host}} with the same volumes',
};

const HELP = 'Run exactly one litestream replicate per database: one replica of the service, and either the -exec wrapper or a sidecar, never both.';

type Context = RuleContext<unknown, keyof typeof messages>;

/** Where a container starts `litestream replicate`. */
interface Replicator {
  file: string;
  range: Range;
}

function joined(scalars: readonly YamlScalar[] | undefined): string | undefined {
  return scalars && scalars.length > 0 ? scalars.map((scalar) => scalar.value).join(' ') : undefined;
}

/** The final stage's ENTRYPOINT and CMD, the last of each, as one command line. */
function dockerfileStart(dockerfile: DockerfileModel | undefined, target?: string): { text: string; file: string; range: Range } | undefined {
  if (!dockerfile) return undefined;
  const index = finalStageIndex(dockerfile, target);
  if (index === undefined) return undefined;
  const stage = dockerfile.stages[index];
  const last = (keyword: string) => [...stage.instructions].reverse().find((instruction) => instruction.keyword === keyword) as CommandInstruction | undefined;
  const entrypoint = last('ENTRYPOINT');
  const cmd = last('CMD');
  const text = [entrypoint, cmd].map((instruction) => (instruction ? instruction.execArgs?.join(' ') ?? instruction.argsText : '')).join(' ');
  const at = (runsReplicate(entrypoint?.execArgs?.join(' ') ?? entrypoint?.argsText ?? '') ? entrypoint : cmd) ?? entrypoint;
  return at ? { text, file: dockerfile.file.path, range: at.range } : undefined;
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
  if (service.command || service.entrypoint || !service.build) return undefined;
  const start = dockerfileStart(context.project.dockerfileForService(compose, service), service.build.target?.value);
  return start && runsReplicate(start.text) ? { file: start.file, range: start.range } : undefined;
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

/**
 * Kamal mounts its global volumes into every role's container on a host, so two roles that run
 * `litestream replicate` on one host replicate the same files; an accessory running it on a
 * volume of the app does too.
 */
function checkKamal(context: Context, kamal: KamalModel): void {
  if (kamal.volumes.length === 0) return;
  const start = dockerfileStart(context.project.dockerfileForKamal(kamal));
  const imageRuns = start !== undefined && runsReplicate(start.text);
  const roles = kamal.roles.filter((role) => (role.cmd ? runsReplicate(role.cmd.value) : imageRuns));
  for (let second = 1; second < roles.length; second++) {
    for (let first = 0; first < second; first++) {
      const hosts = new Set(roles[first].hosts.map((host) => host.value));
      const host = roles[second].hosts.find((candidate) => hosts.has(candidate.value));
      if (!host) continue;
      context.report({
        file: kamal.file.path,
        range: roles[second].nameRange,
        messageId: 'overlappingRoles',
        data: { who: `role '${roles[second].name}'`, other: `role '${roles[first].name}'`, host: host.value },
        help: HELP,
        related: [relatedAt(kamal.file.path, roles[first].nameRange, `role '${roles[first].name}' runs litestream replicate on the same host`)],
      });
      break;
    }
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
    context.report({
      file: kamal.file.path,
      range: shared.spec.range,
      messageId: 'twoReplicators',
      data: { who: `accessory '${accessory.name}'`, other: `role '${roles[0].name}'`, volume: shared.source },
      help: HELP,
      related: [relatedAt(kamal.file.path, roles[0].nameRange, `role '${roles[0].name}' runs litestream replicate`)],
    });
  }
}

export const litestreamSingleReplicator = defineRule({
  meta: {
    id: 'litestream-single-replicator',
    defaultSeverity: 'error',
    description: 'More than one Litestream process replicating the same database (replicas above 1, the app and a sidecar on one volume, overlapping Kamal roles).',
    kinds: ['compose', 'kamal'],
    messages,
    help: HELP,
  },
  check(context) {
    for (const compose of context.project.composeFiles) checkCompose(context, compose);
    for (const kamal of context.project.kamalConfigs) checkKamal(context, kamal);
  },
});
