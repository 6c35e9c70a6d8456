/**
 * The parts of the CLI loaded only when a command needs them, so that `--help`, `--version`
 * and an up-to-date `build --cache` load none of them. The bundled CLI replaces this module
 * (scripts/bundle.mjs): there each is a file of its own, loaded with the code cache.
 */

/** The expensive part of policygen: the YAML, schema, template and Markdown stacks. */
export const pipeline = () => import('./pipeline.js');
/** `policygen init`. */
export const initCommand = () => import('./init.js');
/** Reading policygen.config.yaml. */
export const configLoader = () => import('../config/config.js');
/** Worker threads, for `build --workers N`. */
export const workerThreads = () => import('node:worker_threads');
/** V8's settings, for a batch: see build.ts. */
export const v8 = () => import('node:v8');
/** Asking questions on the terminal (`policygen init`). */
export const readline = () => import('node:readline/promises');
