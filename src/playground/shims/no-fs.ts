/**
 * node:fs (and node:os, node:crypto) in the browser bundle: the modules the playground reaches
 * that import them (config-file's reader, the project-root helpers) keep those functions unused
 * there, since every file comes from a tab. Any call is a bug, so it throws rather than pretends.
 */
function noFileSystem(): never {
  throw new Error('litelint playground: no file system in the browser');
}
export const existsSync = noFileSystem;
export const readFileSync = noFileSystem;
export const openSync = noFileSystem;
export const closeSync = noFileSystem;
export const fstatSync = noFileSystem;
export const statSync = noFileSystem;
export const lstatSync = noFileSystem;
export const readSync = noFileSystem;
export const readdirSync = noFileSystem;
export const readlinkSync = noFileSystem;
export const realpathSync = Object.assign(noFileSystem, { native: noFileSystem });
export const writeFileSync = noFileSystem;
export const writeSync = noFileSystem;
export const createHash = noFileSystem;
export const randomBytes = noFileSystem;
export const constants = { O_RDONLY: 0, O_NONBLOCK: 0 };
export default {};
