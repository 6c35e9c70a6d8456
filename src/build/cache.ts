import type { ProjectConfig } from '../config/options.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { lstat, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { localeCodes } from '../locales.js';
import { packageRoot } from '../package-root.js';
import { seal, unseal } from './seal.js';
import { writeAtomic } from './write.js';

/**
 * The build cache (`--cache`): for each declaration, the hash of everything its outputs
 * depend on, and the hash of each output written. A build whose inputs have not changed and
 * whose outputs are still on disk as written is skipped without loading the pipeline.
 */
export interface CacheEntry {
  key: string;
  outputs: Record<string, string>;
  /** The warnings the build reported, reported again while the entry is up to date. */
  diagnostics: Diagnostic[];
}

export interface Manifest {
  version: 2;
  entries: Record<string, CacheEntry>;
}

const fingerprints = new Map<string, string>();

/**
 * A hash of policygen's own inputs to a build in one locale: its version, that locale's
 * templates, the jurisdiction modules and the schemas (about sixty small files). Only the
 * locale built is read: the other locales' templates cannot change its outputs.
 */
export function fingerprint(locale = 'en'): string {
  let value = fingerprints.get(locale);
  if (value === undefined)
    fingerprints.set(locale, (value = computeFingerprint(new URL('.', packageRoot).pathname, locale)));
  return value;
}

/**
 * Hashes the package files that decide what a build in the locale produces: package.json by
 * content (its version), the rest (templates, modules, schemas, the bundled code) by path,
 * size and modification time, as ESLint's cache does
 * by default. An edited, added or removed template changes it; reading sizes and times instead
 * of sixty files keeps a rebuild with nothing to do close to the cost of starting Node.
 */
export function computeFingerprint(root: string, locale = 'en', bundled = runsBundled()): string {
  const base = root.endsWith('/') ? root : `${root}/`;
  // Plain string paths and one hash update: this runs on every `build --cache`, before V8 has
  // optimised anything, where path.join and a hash update per file cost a millisecond.
  const lines: string[] = [];
  const walk = (dir: string, only?: (name: string) => boolean) => {
    const entries = readdirSync(base + dir, { withFileTypes: true });
    // Code-unit order: localeCompare would load ICU's collation data, several ms at start-up.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!only || !SKIPPED.has(path)) walk(path, only);
      } else if (!only || only(entry.name)) {
        const stat = statSync(base + path);
        lines.push(`${path}\0${stat.size}\0${stat.mtimeMs}`);
      }
    }
  };
  for (const dir of [`templates/${locale}`, 'jurisdictions', 'schemas']) {
    if (existsSync(base + dir)) walk(dir);
  }
  // The code that runs too: a rebuilt policygen may write other outputs under the same
  // version. That is the bundle for the bin, and the compiled modules for the library and
  // `node dist/cli/entry.js` (an edited emitter must not leave outputs "up to date").
  // (dist/generated is not needed: each file there is used only while it matches the hash of
  // the template, module or schema it was made from, and those are covered.)
  if (bundled) {
    if (existsSync(`${base}dist/bundle`)) walk('dist/bundle');
  } else if (existsSync(`${base}dist`)) walk('dist', (name) => name.endsWith('.js'));
  return createHash('sha256')
    .update(readFileSync(`${base}package.json`))
    .update(lines.join('\n'))
    .digest('hex')
    .slice(0, 16);
}

/** Folders of dist/ that hold no module of the plain path. */
const SKIPPED = new Set(['dist/bundle', 'dist/generated']);

/** Whether this code runs from the bundle (dist/bundle/*.cjs), where import.meta.url names the bundle. */
function runsBundled(): boolean {
  return import.meta.url.includes('/dist/bundle/');
}

/**
 * What a project config resolves to depends on its bytes and path, the folder the build runs
 * in, the locales asked for and the locales policygen has, and policygen itself: the key of
 * its entry in the cache folder.
 */
export function configKey(
  bytes: Uint8Array,
  path: string,
  cwd: string,
  locales: readonly string[] | undefined,
): string {
  return sha256(JSON.stringify([fingerprint(), localeCodes(), path, cwd, locales ?? null, sha256(bytes)]));
}

/** A config as a build with --cache resolved it, if the cache folder holds it for this key. */
export async function readConfigCache(dir: string, key: string): Promise<ProjectConfig | undefined> {
  try {
    const body = unseal(await readFile(join(dir, 'config.json'), 'utf8'));
    if (body === undefined) return undefined;
    const stored = JSON.parse(body) as { key?: string; config?: ProjectConfig };
    return stored.key === key && stored.config && Array.isArray(stored.config.jobs) ? stored.config : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a cache folder is a symbolic link (or lies under one's name): the cache is never
 * written through one, which could lead outside the project (issue 14).
 */
async function linked(dir: string): Promise<boolean> {
  const stat = await lstat(dir).catch(() => undefined);
  return Boolean(stat?.isSymbolicLink());
}

export async function writeConfigCache(dir: string, key: string, config: ProjectConfig): Promise<void> {
  const text = seal(JSON.stringify({ key, config }) + '\n');
  if (text === undefined || (await linked(dir))) return;
  await mkdir(dir, { recursive: true });
  await writeAtomic(join(dir, 'config.json'), text);
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function readManifest(path: string): Promise<Manifest> {
  try {
    const body = unseal(await readFile(path, 'utf8'));
    if (body === undefined) return { version: 2, entries: {} };
    const manifest = JSON.parse(body) as Manifest;
    if (manifest.version === 2 && manifest.entries && typeof manifest.entries === 'object') return manifest;
  } catch {
    // A missing or damaged cache is an empty one.
  }
  return { version: 2, entries: {} };
}

export async function writeManifest(path: string, manifest: Manifest): Promise<void> {
  const text = seal(JSON.stringify(manifest, null, 1) + '\n');
  if (text === undefined || (await linked(dirname(path)))) return;
  await mkdir(dirname(path), { recursive: true });
  await writeAtomic(path, text);
}

/** True when every output an entry recorded is on disk with the content it had when written. */
export async function outputsIntact(entry: CacheEntry, outDir: string): Promise<boolean> {
  for (const [name, hash] of Object.entries(entry.outputs)) {
    const content = await readFile(join(outDir, name)).catch(() => undefined);
    if (!content || sha256(content) !== hash) return false;
  }
  return Object.keys(entry.outputs).length > 0;
}

/**
 * The section shapes kept beside the manifest (shapes.json), if policygen itself has not
 * changed since they were stored; a missing, damaged or outdated file is no shapes.
 */
export async function readShapes<T>(path: string, version: string): Promise<T[]> {
  try {
    const body = unseal(await readFile(path, 'utf8'));
    if (body === undefined) return [];
    const stored = JSON.parse(body) as { version?: string; shapes?: T[] };
    if (stored.version === version && Array.isArray(stored.shapes)) return stored.shapes;
  } catch {
    // Start without them.
  }
  return [];
}

export async function writeShapes(path: string, version: string, shapes: readonly unknown[]): Promise<void> {
  const text = seal(JSON.stringify({ version, shapes }) + '\n');
  if (text === undefined || (await linked(dirname(path)))) return;
  await mkdir(dirname(path), { recursive: true });
  await writeAtomic(path, text);
}
