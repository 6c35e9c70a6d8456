/**
 * Everything the CLI needs that is expensive to load (the YAML, schema, template and Markdown
 * stacks). main.ts imports this module only when a command has work for it, so that
 * `--help`, `--version` and an up-to-date `build --cache` start in a fraction of the time.
 */
export { compile } from '../compile.js';
export { loadTemplateOverrides } from '../render/overrides.js';
export { TemplateError } from '../render/render.js';
export { bundledTemplates } from '../render/templates.js';
export { ruleDoc } from '../rules/docs.js';
export { ruleById } from '../rules/index.js';
export { restoreShapes, shapesVersion, storedShapes, type StoredShape } from '../shapes.js';
