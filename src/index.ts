/** policygen's library API: what static-site tooling and the CLI import. */
export { compile, FORMATS } from './compile.js';
export { Session } from './session.js';
export { build } from './build-api.js';
export type { BuildOptions, BuildSummary } from './build-api.js';
export type {
  CompileInput,
  CompileOptions,
  CompileResult,
  Format,
  FrontMatterField,
  FrontMatterMap,
  Output,
  ValueInput,
  YamlInput,
} from './compile.js';
export type { Diagnostic, Severity } from './diagnostics/diagnostic.js';
export type { Model } from './normalize/normalize.js';
export type { Duration } from './normalize/duration.js';
export { parseDuration } from './normalize/duration.js';
export { bundledTemplates } from './render/templates.js';
export type { TemplateSet } from './render/templates.js';
export { policySchema } from './schema.js';
export type { Declaration } from './types/declaration.js';
