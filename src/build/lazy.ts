/**
 * The parts of a build loaded only when it needs them, so that an up-to-date `build --cache`
 * loads none of them. The bundled CLI has lazy.bundled.ts in its place (scripts/bundle.mjs): there each is
 * a file of its own, loaded with the code cache.
 */

/** The expensive part of policygen: the YAML, schema, template and Markdown stacks. */
export const pipeline = () => import('./pipeline.js');
/** Reading policygen.config.yaml. */
export const configLoader = () => import('../config/config.js');
/** Worker threads, for `build --workers N`. */
export const workerThreads = () => import('node:worker_threads');
/** V8's settings, for a batch: see build.ts. */
export const v8 = () => import('node:v8');
