import { packageRequire } from './package-root.js';

/**
 * One of the CommonJS files generated when the package is built, by its path in
 * dist/generated/ ("validate-policy.cjs"). The bundled CLI replaces this module
 * (scripts/bundle.mjs) with one that loads them with the code cache. Throws when the file is
 * missing; callers fall back to compiling what it would have held.
 */
export function loadGenerated(path: string): unknown {
  return packageRequire(`./dist/generated/${path}`);
}
