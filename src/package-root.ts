import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the package's own files (schemas, templates, jurisdictions, dist/generated/) live.
 *
 * Unbundled, the code runs from src/, dist/ or a bundle chunk at any depth, so look upwards
 * from this module for the schema. A site's bundler (esbuild, Vite, webpack) moves this code
 * into the site's own output, where import.meta.url names that output (or, under webpack, a
 * made-up URL), so then ask Node where the installed package is, as the site's own code
 * would: from the working directory, then from the script that was run (issue 18).
 */
export const packageRoot: URL = findRoot();

/** A `require` that resolves from the package: its dependencies and dist/generated/ files. */
export const packageRequire: NodeJS.Require = createRequire(new URL('package.json', packageRoot));

function findRoot(): URL {
  const here = moduleUrl();
  if (here) {
    for (let dir = new URL('./', here), i = 0; i < 6; i++, dir = new URL('../', dir)) {
      if (existsSync(new URL('schemas/policy.schema.json', dir))) return dir;
    }
  }
  const bases = [join(process.cwd(), 'index.js'), ...(process.argv[1] ? [process.argv[1]] : [])];
  for (const base of bases) {
    const found = installedPackage(base);
    if (found) return found;
  }
  throw new Error(
    `policygen: cannot find its own files (schemas/, templates/) above ${here?.pathname ?? 'this module'}, nor an installed policygen package from ${process.cwd()}. ` +
      'If a bundler moved policygen into your build, install the package beside it, or leave it out of the bundle (Next.js: serverExternalPackages: ["policygen"]).',
  );
}

/** This module's own file URL, or undefined where a bundler gave it none or another scheme. */
function moduleUrl(): URL | undefined {
  try {
    const url = new URL(import.meta.url);
    return url.protocol === 'file:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The folder of the policygen package Node would load from `base`, if it has the schemas. */
function installedPackage(base: string): URL | undefined {
  try {
    // The schema is one of the package's exports; package.json is not.
    const schema = createRequire(base).resolve('policygen/schema.json');
    const dir = new URL('../', pathToFileURL(schema));
    return existsSync(new URL('schemas/policy.schema.json', dir)) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** The names of the folders in one of the package's folders ("templates/"), sorted. */
export function packageSubfolders(folder: string): string[] {
  return readdirSync(new URL(folder, packageRoot), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
