import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { packageRoot } from '../schema.js';
import { writeAtomic } from './write.js';

/**
 * The build cache (`--cache`): for each declaration, the hash of everything its outputs
 * depend on, and the hash of each output written. A build whose inputs have not changed and
 * whose outputs are still on disk as written is skipped without loading the pipeline.
 */
export interface CacheEntry {
  key: string;
  outputs: Record<string, string>;
}

export interface Manifest {
  version: 1;
  entries: Record<string, CacheEntry>;
}

let fingerprintValue: string | undefined;

/**
 * A hash of policygen's own inputs to every build: its version, templates, jurisdiction
 * modules and schema (about sixty small files; a few milliseconds to read).
 */
export function fingerprint(): string {
  return (fingerprintValue ??= computeFingerprint(new URL('.', packageRoot).pathname));
}

/** Hashes the package files that decide what a build produces. */
export function computeFingerprint(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        hash.update(path.slice(root.length));
        hash.update(readFileSync(path));
      }
    }
  };
  hash.update(readFileSync(join(root, 'package.json')));
  for (const dir of ['templates', 'jurisdictions', 'schemas']) walk(join(root, dir));
  return hash.digest('hex').slice(0, 16);
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function readManifest(path: string): Promise<Manifest> {
  try {
    const manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest;
    if (manifest.version === 1 && manifest.entries && typeof manifest.entries === 'object') return manifest;
  } catch {
    // A missing or damaged cache is an empty one.
  }
  return { version: 1, entries: {} };
}

export async function writeManifest(path: string, manifest: Manifest): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeAtomic(path, JSON.stringify(manifest, null, 1) + '\n');
}

/** True when every output an entry recorded is on disk with the content it had when written. */
export async function outputsIntact(entry: CacheEntry, outDir: string): Promise<boolean> {
  for (const [name, hash] of Object.entries(entry.outputs)) {
    const content = await readFile(join(outDir, name)).catch(() => undefined);
    if (!content || sha256(content) !== hash) return false;
  }
  return Object.keys(entry.outputs).length > 0;
}
