import { existsSync, readdirSync } from 'node:fs';

/**
 * Where the package's own files (schemas, templates, jurisdictions) live. The code may run
 * from src/, dist/ or a bundle chunk at any depth, so look upwards for the schema.
 */
export const packageRoot: URL = findRoot(new URL('./', import.meta.url));

function findRoot(start: URL): URL {
  for (let dir = start, i = 0; i < 6; i++, dir = new URL('../', dir)) {
    if (existsSync(new URL('schemas/policy.schema.json', dir))) return dir;
  }
  throw new Error(`policygen: cannot find its schemas/ folder above ${start.pathname}`);
}

/** The names of the folders in one of the package's folders ("templates/"), sorted. */
export function packageSubfolders(folder: string): string[] {
  return readdirSync(new URL(folder, packageRoot), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
