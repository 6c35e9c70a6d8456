import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The cache folder is untrusted input (issue 14): a CI cache restored from elsewhere, or a pull
 * request, can edit it. Every file in it is therefore sealed with an HMAC-SHA256 under a secret
 * that is not in the project: POLICYGEN_CACHE_SECRET if set (a CI secret, for caches shared
 * between runs), else a random key made once per user in ~/.cache/policygen (XDG_CACHE_HOME).
 * A file whose seal does not verify is ignored, exactly as a missing one: the build does the
 * work again. Without a place for the key, the cache is simply not used.
 */
let secret: Buffer | null | undefined;

function cacheSecret(): Buffer | null {
  if (secret !== undefined) return secret;
  const fromEnvironment = process.env['POLICYGEN_CACHE_SECRET'];
  if (fromEnvironment) return (secret = Buffer.from(fromEnvironment, 'utf8'));
  try {
    const dir = join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'policygen');
    const file = join(dir, 'cache-secret');
    try {
      const stored = readFileSync(file);
      if (stored.length >= 32) return (secret = stored);
    } catch {
      // Made below.
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const made = randomBytes(32);
    writeFileSync(file, made, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return (secret = made);
  } catch {
    // Another process made it in between: take theirs; else no cache.
    try {
      const dir = join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'policygen');
      const stored = readFileSync(join(dir, 'cache-secret'));
      return (secret = stored.length >= 32 ? stored : null);
    } catch {
      return (secret = null);
    }
  }
}

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('hex');
}

/** A cache file's text: its seal on the first line, then the body. Undefined when no key can be had. */
export function seal(body: string): string | undefined {
  const key = cacheSecret();
  return key ? `${mac(key, body)}\n${body}` : undefined;
}

/** The body of a sealed cache file, or undefined when the seal is missing or does not match. */
export function unseal(text: string): string | undefined {
  const key = cacheSecret();
  const cut = text.indexOf('\n');
  if (!key || cut !== 64) return undefined;
  const body = text.slice(cut + 1);
  const expected = Buffer.from(mac(key, body), 'hex');
  const given = Buffer.from(text.slice(0, cut), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? body : undefined;
}
