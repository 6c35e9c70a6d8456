import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, type CompileResult } from '../src/compile.js';

export const root = fileURLToPath(new URL('../', import.meta.url));
export const bin = fileURLToPath(new URL('../bin/policygen.cjs', import.meta.url));

/** Compiles YAML text in memory. */
export function compileText(text: string, formats: ('md' | 'html' | 'json')[] = ['md', 'html', 'json']): CompileResult {
  return compile({ file: 'policy.yaml', text }, { formats });
}

/** A small valid declaration; tests append or replace lines to make it wrong. */
export const minimal = `policygen: 1
organization:
  name: Example
  contact:
    email: privacy@example.com
effective: 2024-07-15
jurisdictions: [us]
data:
  - id: contact
    kind: contact-details
    examples: [name, e-mail address]
    sources: [user]
    retention: 6 months after the account is closed
purposes:
  - id: service
    description: provide the service
    data: [contact]
    legal_basis: contract
recipients: []
`;

/** A variation of `minimal` for a law's tests: its laws, date, establishment and extra keys. */
export interface Variation {
  jurisdictions: string[];
  establishedIn?: string[];
  effective?: string;
  /** YAML appended at the top level. */
  extra?: string;
  /** Rules turned off, beyond those asking for what such tests never declare. */
  off?: string[];
}

/** Rules that ask for what `minimal` never declares; tests of other things turn them off. */
const UNDECLARED = [
  'missing-fact',
  'representative-required',
  'dpo-required',
  'postal-address-required',
  'response-time-deadline',
  'retention-required',
  'minimum-age-threshold',
  'cross-border-consent',
  'sensitive-data-condition',
  'source-described',
  'provision-stated',
  'do-not-track-disclosure',
  'request-channel-required',
  'changes-notice-stated',
  'third-party-tracking-disclosure',
];

/** Compiles a variation of `minimal` to Markdown; `errors` as "code: message". */
export function compileVariation({
  jurisdictions,
  establishedIn,
  effective = '2025-06-01',
  extra = '',
  off = UNDECLARED,
}: Variation) {
  let text = minimal
    .replace('jurisdictions: [us]', `jurisdictions: [${jurisdictions.join(', ')}]`)
    .replace('effective: 2024-07-15', `effective: ${effective}`)
    .concat(extra);
  if (establishedIn)
    text = text.replace('  name: Example\n', `  name: Example\n  established_in: [${establishedIn.join(', ')}]\n`);
  const result = compile(
    { file: 'policy.yaml', text },
    { formats: ['md'], rules: Object.fromEntries(off.map((id) => [id, 'off' as const])) },
  );
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
  return { md: result.outputs[0]?.content ?? '', errors, diagnostics: result.diagnostics };
}

/** The rules `compileVariation` turns off unless told otherwise, less some. */
export const undeclaredExcept = (...keep: string[]) => UNDECLARED.filter((id) => !keep.includes(id));

/**
 * Where the CLI keeps its cache secret in tests (XDG_CACHE_HOME): a folder of this test file's
 * own, never the user's home.
 */
export const cacheHome = mkdtempSync(join(tmpdir(), 'policygen-cache-home-'));

/** A sealed cache file's body (src/build/seal.ts: the seal is the first line). */
export function cacheBody(path: string): string {
  const text = readFileSync(path, 'utf8');
  return text.slice(text.indexOf('\n') + 1);
}

/** A cache file sealed as the CLI run by these tests would seal it (the secret in cacheHome). */
export function sealed(body: string): string {
  const secret = readFileSync(join(cacheHome, 'policygen', 'cache-secret'));
  return `${createHmac('sha256', secret).update(body).digest('hex')}\n${body}`;
}

/** Runs the real bin in a child process. */
export function run(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: options.cwd ?? root, env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cacheHome, ...options.env } },
      (error, stdout, stderr) => {
        resolve({
          code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

/** A copy of a parsed declaration without the node at a path (an item is spliced out of its list). */
export function without(declaration: unknown, path: (string | number)[]): unknown {
  const copy = structuredClone(declaration) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return copy;
}
