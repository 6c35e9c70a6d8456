import { readFileSync } from 'node:fs';
import { packageRoot } from './package-root.js';

export { packageRoot };

/** The declaration's JSON Schema: the single source of truth for the format. */
export const policySchemaText: string = readFileSync(new URL('schemas/policy.schema.json', packageRoot), 'utf8');
export const policySchema: Record<string, unknown> = JSON.parse(policySchemaText);
