/** litelint's SQLite knowledge base: data in `data/sqlite-knowledge.json`, read on first use. */
export { sqliteKnowledge, setSqliteKnowledge } from './data';
export { parseImageRef, type ImageRef } from './image-ref';
export { lookupImage, normaliseDistroId, isKnownDistro, type ImageKnowledge } from './lookup';
export { isSqliteFixed, sqliteFixedRange, sqliteFixMinimum, isFloatingVersionFixed, toSemver } from './fixed';
export { builtinSqliteVerdict, type BuiltinVerdict, type BuiltinRuntime } from './builtins';
export { driverVerdict, driverSemver, type DriverVerdict } from './drivers';
export { explainImage } from './explain';
export type * from './types';
