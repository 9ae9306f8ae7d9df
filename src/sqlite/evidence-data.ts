/**
 * `data/sqlite-evidence.json`: what counts as evidence of SQLite use beyond the package tables of the
 * knowledge base (framework markers, selector variables, SQLite apps, extension packages), compiled
 * to regular expressions once per data object.
 */
import { DataFile } from '../data-file';
import type { Sourced } from '../knowledge/types';

export interface FrameworkMarker extends Sourced {
  id: string;
  framework: string;
  /** Regular expression over the project path of a copied file. */
  files: string;
  pattern: string;
  consumer?: string;
  /** `driver` for a dependency declaration (go.mod, mix.exs, a .csproj); `database-config` otherwise. */
  kind?: 'driver' | 'database-config';
}

export interface EvidencePackage extends Sourced {
  name: string;
  kind: 'system-library' | 'interpreter';
  consumer?: string;
  shows?: string;
}

export interface SqliteEvidenceData {
  compiled: string;
  readLimit: Sourced & { maxBytes: number };
  skipPaths: Sourced & { pattern: string };
  configFiles: Sourced & { names: string[] };
  frameworkMarkers: FrameworkMarker[];
  selectorVariables: Sourced & { names: string[]; values: string };
  shellWorkload: Sourced & { operations: string };
  apps: Record<string, (Sourced & { consumer: string }) | string>;
  systemPackages: Record<'apt' | 'apk' | 'rpm', EvidencePackage[]>;
  runtimeLibraries: Sourced & { pattern: string };
  extensionBuilds: Sourced & { pattern: string };
  cgoOnlyModules: Sourced & { modules: string[] };
  goDriverImports: Sourced & { packages: string[]; maxFiles: number; maxBytes: number };
}

export interface CompiledEvidenceData {
  maxBytes: number;
  skipPaths: RegExp;
  configFiles: readonly string[];
  markers: { marker: FrameworkMarker; files: RegExp; pattern: RegExp }[];
  selectorNames: ReadonlySet<string>;
  selectorValue: RegExp;
  shellOperations: RegExp;
  apps: ReadonlyMap<string, string>;
  systemPackages: Record<'apt' | 'apk' | 'rpm', { pattern: RegExp; entry: EvidencePackage }[]>;
  runtimeLibraries: RegExp;
  extensionBuilds: RegExp;
  cgoOnlyModules: readonly string[];
  goDriverImports: { packages: readonly string[]; maxFiles: number; maxBytes: number };
}

const dataFile = new DataFile<SqliteEvidenceData>('sqlite-evidence.json');
const compiledCache = new WeakMap<SqliteEvidenceData, CompiledEvidenceData>();

/** Lets an embedder without a file system (or a test) hand the data in. */
export function setSqliteEvidenceData(data: SqliteEvidenceData): void {
  dataFile.set(data);
}

/** The evidence data, compiled; read on first use. */
export function evidenceData(): CompiledEvidenceData {
  const data = dataFile.get();
  let compiled = compiledCache.get(data);
  if (!compiled) compiledCache.set(data, (compiled = compile(data)));
  return compiled;
}

function compile(data: SqliteEvidenceData): CompiledEvidenceData {
  const packages = (list: EvidencePackage[]) => list.map((entry) => ({ pattern: new RegExp(entry.name), entry }));
  return {
    maxBytes: data.readLimit.maxBytes,
    skipPaths: new RegExp(data.skipPaths.pattern, 'i'),
    configFiles: data.configFiles.names,
    markers: data.frameworkMarkers.map((marker) => ({ marker, files: new RegExp(marker.files, 'i'), pattern: new RegExp(marker.pattern, 'gim') })),
    selectorNames: new Set(data.selectorVariables.names),
    selectorValue: new RegExp(data.selectorVariables.values, 'i'),
    shellOperations: new RegExp(data.shellWorkload.operations, 'i'),
    apps: new Map(Object.entries(data.apps).flatMap(([name, entry]) => (typeof entry === 'string' ? [] : [[name, entry.consumer] as [string, string]]))),
    systemPackages: { apt: packages(data.systemPackages.apt), apk: packages(data.systemPackages.apk), rpm: packages(data.systemPackages.rpm) },
    runtimeLibraries: new RegExp(data.runtimeLibraries.pattern),
    extensionBuilds: new RegExp(data.extensionBuilds.pattern),
    cgoOnlyModules: data.cgoOnlyModules.modules,
    goDriverImports: { packages: data.goDriverImports.packages, maxFiles: data.goDriverImports.maxFiles, maxBytes: data.goDriverImports.maxBytes },
  };
}
