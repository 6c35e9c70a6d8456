/**
 * The options policygen's schemas are compiled with, here at run time (src/validate/validate.ts)
 * and into code when the package is built (scripts/standalone.mjs, which imports this from
 * dist/), so that the generated validator reports what the run-time one would.
 */
export const AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  strict: true,
  allowUnionTypes: true,
  // Editors' per-value help (VS Code and the YAML language server read it); no validation.
  keywords: ['enumDescriptions'],
} as const;

/** The string formats the schemas use (ajv-formats). */
export const AJV_FORMATS = ['date', 'email', 'uri'] as const;
