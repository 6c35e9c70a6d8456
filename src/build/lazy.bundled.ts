/**
 * src/build/lazy.ts as the bundled CLI has it: scripts/bundle.mjs resolves `./lazy.js` to this
 * module. Each part is a bundle of its own (dist/bundle/*.cjs), which bin/load.cjs runs with
 * its code cache; vm.Script has no import(), so Node's built-ins are required. The types make
 * both modules export the same things.
 */
import type * as plain from './lazy.js';

type Loaded<F extends () => Promise<unknown>> = Awaited<ReturnType<F>>;

export const pipeline: typeof plain.pipeline = async () =>
  require('policygen:bundle/pipeline.cjs') as Loaded<typeof plain.pipeline>;
export const configLoader: typeof plain.configLoader = async () =>
  require('policygen:bundle/config.cjs') as Loaded<typeof plain.configLoader>;
export const workerThreads: typeof plain.workerThreads = async () =>
  require('node:worker_threads') as Loaded<typeof plain.workerThreads>;
export const v8: typeof plain.v8 = async () => require('node:v8') as Loaded<typeof plain.v8>;

// Every part of lazy.ts is here too.
void ({ pipeline, configLoader, workerThreads, v8 } satisfies typeof plain);
