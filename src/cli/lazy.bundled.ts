/**
 * src/cli/lazy.ts as the bundled CLI has it (scripts/bundle.mjs resolves `./lazy.js` to this
 * module): `init` is a bundle of its own, which bin/load.cjs runs with its code cache. The
 * types make both modules export the same things.
 */
import type * as plain from './lazy.js';

type Loaded<F extends () => Promise<unknown>> = Awaited<ReturnType<F>>;

export const initCommand: typeof plain.initCommand = async () =>
  require('policygen:bundle/init.cjs') as Loaded<typeof plain.initCommand>;
export const readline: typeof plain.readline = async () =>
  require('node:readline/promises') as Loaded<typeof plain.readline>;

// Every part of lazy.ts is here too.
void ({ initCommand, readline } satisfies typeof plain);
