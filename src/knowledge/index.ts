/** litelint's SQLite knowledge base: data in `data/`, read on first use by the Knowledge object of a run. */
export { sqliteKnowledge, setSqliteKnowledge } from './data';
export { createKnowledge, Knowledge, type KnowledgeSettings, type KnowledgeSources } from './knowledge';
export { parseImageRef, type ImageRef } from './image-ref';
export type { ImageKnowledge } from './lookup';
export { toSemver, type FixVersions, type FixedSpan } from './fixed';
export type { BuiltinVerdict, BuiltinRuntime } from './builtins';
export { driverSemver, type DriverVerdict } from './drivers';
export { imagePathData, setImagePathData, type ImagePathData, type StockImage } from './stock-images';
export { explainImage, explainImageData, type ImageExplanation } from './explain';
export { knowledgeAgeNotice, familiesAsOf, STALE_AFTER_DAYS } from './freshness';
export { compareDebianVersions } from './dpkg-version';
export { compareApkVersions } from './apk-version';
export { compareRpmVersions } from './rpm-version';
export { comparePackageVersions, packageFormatOf, type PackageFormat } from './package-format';
export { tagHistoryData, setTagHistoryData, type TagHistoryData } from './tag-history';
export type * from './types';
