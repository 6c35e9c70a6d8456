/**
 * Everything the CLI needs that is expensive to load (the YAML, schema, template and Markdown
 * stacks). main.ts imports this module only when a command has work for it, so that
 * `--help`, `--version` and an up-to-date `build --cache` start in a fraction of the time.
 */
import { Session } from '../session.js';

export { compile } from '../compile.js';
export { loadTemplateOverrides } from '../render/overrides.js';
export { TemplateError } from '../render/render.js';
export { bundledTemplates } from '../render/templates.js';
export { ruleDoc } from '../rules/docs.js';
export { ruleById } from '../rules/index.js';
export { restoreShapes, shapesVersion, storedShapes, type StoredShape } from '../shapes.js';

/**
 * The CLI's one session (src/session.ts): every compile of this process uses it, so that the
 * locales of a declaration, the declarations of a batch and the rebuilds of `--watch` share
 * what they have in common; `build --cache` stores its shapes between processes.
 */
export const session = new Session();
