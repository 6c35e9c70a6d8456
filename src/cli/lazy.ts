/**
 * The parts of the CLI loaded only when a command needs them, so that `--help` and
 * `--version` load none of them. The bundled CLI has lazy.bundled.ts in its place (scripts/bundle.mjs).
 */

/** `policygen init`. */
export const initCommand = () => import('./init.js');
/** Asking questions on the terminal (`policygen init`). */
export const readline = () => import('node:readline/promises');
