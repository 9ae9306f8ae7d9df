import { posix } from 'path';
import type { ComposeModel, ComposeService, ServiceVolume, TopLevelVolume } from '../src/compose/model';
import type { KamalModel, KamalVolume } from '../src/kamal/model';
import { kamalAccessoryFacts, mountEvidence, type ContainerFacts } from '../src/mounts/evidence';
import { relatedEvidence } from '../src/sqlite/messages';
import { networkHostPrefix, volumeNetworkStorage, type NetworkStorage } from '../src/storage/network-storage';
import { writtenText } from '../src/quote';
import { relatedAt } from '../src/source';
import { defineRule, type Range, type RuleContext } from '../src/rule-api';

// networkVolume starts with the volume: it is a finding about a top-level volume. {{who}} is "service 'web'", "the app" (Kamal's global volumes) or "accessory 'worker'".
const messages = {
  networkVolume: "volume '{{volume}}' on {{filesystem}} ({{setting}}) holds SQLite data of {{who}} at {{target}}",
  networkHostPath: '{{who}} keeps SQLite data at {{target}} in {{source}}: {{prefix}} is usually a network mount',
};

const HELP = 'Keep the database on a local disk of the host that runs it (a local volume or directory); replicate it with Litestream or LiteFS, or use a server database.';

type Context = RuleContext<unknown, keyof typeof messages>;

const RELATED_EVIDENCE = 'SQLite data in the volume';

function mountRange(service: ComposeService, volume: ServiceVolume): { file: string; range: Range } {
  const scalar = volume.syntax === 'short' ? volume.spec ?? volume.source : volume.source;
  return { file: (scalar?.file ?? volume.file ?? service.file).path, range: scalar?.range ?? volume.range };
}

function checkCompose(context: Context, compose: ComposeModel): void {
  const network = new Map<string, { volume: TopLevelVolume; storage: NetworkStorage }>();
  // A service names a top-level volume by its key; `name:` only renames it on the host.
  for (const volume of compose.volumes) {
    const storage = volumeNetworkStorage(volume);
    if (storage) network.set(volume.name, { volume, storage });
  }
  for (const service of compose.services) {
    let facts: ContainerFacts | undefined;
    const factsOf = () => (facts ??= context.facts.composeService(compose, service));
    for (const volume of service.volumes) {
      if (!volume.source) continue;
      const name = volume.source.interpolated ?? volume.source.value;
      const who = `service '${service.name}'`;
      const at = mountRange(service, volume);
      const declared = volume.type === 'volume' ? network.get(name) : undefined;
      if (declared) {
        const evidence = mountEvidence(factsOf(), volume.target, context.knowledge).evidence;
        if (evidence.length === 0) continue;
        const { storage } = declared;
        context.report({
          ...at,
          entryLine: volume.range.start.line,
          messageId: 'networkVolume',
          data: { who, target: volume.printedTarget, volume: writtenText(volume.source), filesystem: storage.filesystem, setting: storage.setting },
          help: HELP,
          related: [relatedAt(storage.file, storage.range, `volume '${name}' is on ${storage.filesystem} here`), relatedEvidence(evidence[0], RELATED_EVIDENCE)],
        });
      } else if (volume.type === 'bind') {
        const source = writtenText(volume.source);
        const prefix = source.includes('$') ? undefined : networkHostPrefix(source);
        if (!prefix) continue;
        const evidence = mountEvidence(factsOf(), volume.target, context.knowledge).evidence;
        if (evidence.length === 0) continue;
        context.report({
          ...at,
          entryLine: volume.range.start.line,
          severity: 'info',
          messageId: 'networkHostPath',
          data: { who, target: volume.printedTarget, source, prefix },
          help: HELP,
          related: [relatedEvidence(evidence[0], RELATED_EVIDENCE)],
        });
      }
    }
  }
}

/**
 * Kamal cannot declare a volume's driver, so only a host directory under a conventional network
 * mount says anything, and only as a hint (info): the host's mount table is not in the repository.
 */
function checkKamalVolume(context: Context, kamal: KamalModel, volume: KamalVolume, who: string, facts: () => ContainerFacts): void {
  if (volume.sourceType !== 'bind') return;
  const prefix = networkHostPrefix(posix.normalize(volume.source));
  if (!prefix) return;
  const evidence = mountEvidence(facts(), volume.target, context.knowledge).evidence;
  if (evidence.length === 0) return;
  context.report({
    file: kamal.file.path,
    range: volume.spec.range,
    severity: 'info',
    messageId: 'networkHostPath',
    data: { who, target: volume.target, source: volume.source, prefix },
    help: HELP,
    related: [relatedEvidence(evidence[0], RELATED_EVIDENCE)],
  });
}

function checkKamal(context: Context, kamal: KamalModel): void {
  let facts: ContainerFacts | undefined;
  const appFacts = () => (facts ??= context.facts.kamalApp(kamal));
  for (const volume of kamal.volumes) checkKamalVolume(context, kamal, volume, 'the app', appFacts);
  for (const accessory of kamal.accessories) {
    let own: ContainerFacts | undefined;
    const accessoryFacts = () => (own ??= kamalAccessoryFacts(kamal, accessory));
    for (const volume of [...accessory.volumes, ...accessory.directories]) checkKamalVolume(context, kamal, volume, `accessory '${accessory.name}'`, accessoryFacts);
  }
}

export const sqliteNetworkFilesystem = defineRule({
  meta: {
    id: 'sqlite-network-filesystem',
    defaultSeverity: 'error',
    description: 'A volume holding SQLite data on a network filesystem (NFS, SMB/CIFS, EFS, Azure Files, rclone, SSHFS, GlusterFS), where WAL and file locking are unreliable.',
    kinds: ['compose', 'kamal'],
    messages,
    help: HELP,
  },
  check(context) {
    for (const compose of context.project.composeFiles) checkCompose(context, compose);
    for (const kamal of context.project.kamalConfigs) checkKamal(context, kamal);
  },
});
