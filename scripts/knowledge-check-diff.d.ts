import type { SqliteKnowledge } from '../src/knowledge/types';

export const DEBIAN_SUITES: Record<string, string[]>;
export function packageVersions(index: string, name: string): string[];
export function upstreamOf(version: string): string;
export function diffDebian(data: SqliteKnowledge, indexes: Record<string, string>, compare: (a: string, b: string) => number): string[];
export function sqliteVersionFromSource(text: string): string | undefined;
export function diffNpm(data: SqliteKnowledge, latest: Record<string, { version: string; sqlite?: string }>): string[];
