import { readFileSync } from 'node:fs';

/** Where the package's own files (schemas, templates) live, for dist/ and src/ alike. */
export const packageRoot = new URL('../', import.meta.url);

/** The declaration's JSON Schema: the single source of truth for the format. */
export const policySchemaText: string = readFileSync(new URL('schemas/policy.schema.json', packageRoot), 'utf8');
export const policySchema: Record<string, unknown> = JSON.parse(policySchemaText);
