'use strict';
/*
 * Loads dist/litelint.cjs through V8's code cache (dist/litelint.cjs.cache, written by
 * scripts/build-code-cache.js at build time). Compiling the bundle and the functions a run calls
 * is a third of a single-file run's time; with the cache V8 reuses the bytecode.
 *
 * V8 trusts the bytes it is given: a cache with flipped bytes crashes node (SIGSEGV, SIGTRAP), and
 * V8 only checks that the source has the same length. So the cache file carries a header written
 * at build time, the sha256 of the bundle it was made from and of its payload, and it is used only
 * when it is a regular file of bounded size (a FIFO or /dev/zero at its path would block or never
 * end) whose header matches both. On any doubt the bundle compiles as usual, a little slower.
 * A cache from another Node version is rejected by V8 itself.
 */
const { closeSync, constants, fstatSync, openSync, readFileSync, readSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { dirname, join } = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

const bundlePath = join(__dirname, '..', 'dist', 'litelint.cjs');
const cachePath = `${bundlePath}.cache`;

const MAGIC = Buffer.from('litelint-code-cache-1\n', 'latin1');
const DIGEST_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 2 * DIGEST_BYTES;
/** The cache of this bundle is under 1 MB; anything much larger is not one. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest();
}

/** The cache file's bytes: magic, sha256 of the bundle, sha256 of the payload, the payload (V8's cached data). */
function cacheFile(bundleBytes, payload) {
  return Buffer.concat([MAGIC, sha256(bundleBytes), sha256(payload), payload]);
}

/** The whole of a regular file of at most `max` bytes, or undefined; never blocks on a FIFO or device. */
function readBoundedRegularFile(path, max) {
  let fd;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > max) return undefined;
    const bytes = Buffer.allocUnsafe(stats.size);
    let length = 0;
    while (length < bytes.length) {
      const read = readSync(fd, bytes, length, bytes.length - length, null);
      if (read === 0) return undefined; // shrank while read: not the file that was measured
      length += read;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** V8's cached data for this bundle, or undefined when the cache is missing, foreign or damaged. */
function readCachedData(bundleBytes) {
  const file = readBoundedRegularFile(cachePath, MAX_CACHE_BYTES);
  if (!file || file.length <= HEADER_BYTES) return undefined;
  if (!file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const bundleDigest = file.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES);
  const payloadDigest = file.subarray(MAGIC.length + DIGEST_BYTES, HEADER_BYTES);
  const payload = file.subarray(HEADER_BYTES);
  if (!bundleDigest.equals(sha256(bundleBytes)) || !payloadDigest.equals(sha256(payload))) return undefined;
  return payload;
}

function loadBundle() {
  const bundleBytes = readFileSync(bundlePath);
  const cachedData = readCachedData(bundleBytes);
  const script = new vm.Script(Module.wrap(bundleBytes.toString('utf8')), { filename: bundlePath, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return { cli: module.exports, script, bundleBytes };
}

module.exports = { loadBundle, cacheFile, bundlePath, cachePath };
