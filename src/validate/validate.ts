import type Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type addFormatsModule from 'ajv-formats';
import { docsUrl, fromPointer, pointerSegment, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { locate, locateOwner, type Source } from '../load/read-yaml.js';
import { createHash } from 'node:crypto';
import { loadGenerated } from '../load-generated.js';
import { packageRequire } from '../package-root.js';
import { AJV_FORMATS, AJV_OPTIONS } from './ajv-options.js';
import { splitLists } from './split-lists.js';
import { policySchema, policySchemaText } from '../schema.js';
import { stringify } from 'yaml';
import type { Declaration } from '../types/declaration.js';

/** A schema's text and the validator generated from it when the package was built (scripts/standalone.mjs). */
export interface GeneratedValidator {
  /** Its file in dist/generated/. */
  file: string;
  /** The schema's text, whose hash the generated file must carry. */
  text: string;
}

const compiled = new WeakMap<object, ValidateFunction>();
function validator(schema: Record<string, unknown>, generated?: GeneratedValidator): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = (generated && precompiled(generated)) ?? compileSchema(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/**
 * Compiles a schema with ajv, when no generated validator matches it (a schema edited since
 * the package was built, or a copy). ajv is loaded only then: it is a third of the bundled
 * pipeline, and loading it cost every process.
 */
function compileSchema(schema: Record<string, unknown>): ValidateFunction {
  const Ajv2020 = (packageRequire('ajv/dist/2020.js') as typeof Ajv2020Module).default;
  const addFormats = (packageRequire('ajv-formats') as typeof addFormatsModule).default;
  const ajv = new Ajv2020({ ...AJV_OPTIONS, keywords: [...AJV_OPTIONS.keywords] });
  addFormats(ajv, [...AJV_FORMATS]);
  return ajv.compile(schema);
}

/**
 * A validator generated as code when the package was built, which saves compiling its schema
 * at start-up (tens of milliseconds); only if it was made from the schema in use.
 */
function precompiled({ file, text }: GeneratedValidator): ValidateFunction | undefined {
  try {
    const generated = loadGenerated(file) as ValidateFunction & { schemaHash?: string };
    return generated.schemaHash === createHash('sha256').update(text).digest('hex') ? generated : undefined;
  } catch {
    return undefined;
  }
}

type SchemaNode = {
  title?: string;
  description?: string;
  examples?: unknown[];
  properties?: Record<string, SchemaNode>;
  $ref?: string;
  enum?: unknown[];
};

/**
 * Checks a declaration against schemas/policy.schema.json and turns each failure into a
 * diagnostic at the YAML the person wrote, with a hint where one helps.
 */
export function validate(source: Source): { declaration?: Declaration; diagnostics: Diagnostic[] } {
  const { value, diagnostics } = validateAgainst<Declaration>(source, policySchema, {
    file: 'validate-policy.cjs',
    text: policySchemaText,
  });
  if (value === undefined) return { diagnostics };
  return { declaration: value, diagnostics: [...diagnostics, ...splitLists(source)] };
}

/**
 * Checks a YAML source against any of policygen's schemas (the declaration's, the project
 * config's), reporting each failure at the YAML that caused it.
 */
export function validateAgainst<T>(
  source: Source,
  schema: Record<string, unknown>,
  generated?: GeneratedValidator,
): { value?: T; diagnostics: Diagnostic[] } {
  const validateFn = validator(schema, generated);
  if (validateFn(source.value)) return { value: source.value as T, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const errors = validateFn.errors ?? [];
  // "organisation:" is one mistake, not an unknown key plus a missing "organization".
  const nearMisses = new Set(
    errors
      .filter((e) => e.keyword === 'additionalProperties')
      .map(
        (e) =>
          `${e.instancePath}|${didYouMean(String(e.params.additionalProperty), Object.keys(((e.parentSchema ?? {}) as SchemaNode).properties ?? {}))}`,
      ),
  );
  for (const error of errors) {
    if (error.keyword === 'required' && nearMisses.has(`${error.instancePath}|${error.params.missingProperty}`))
      continue;
    const diagnostic = toDiagnostic(source, error, schema);
    if (!diagnostic) continue;
    // One message per place and kind: a bad e-mail fails both `format` and `maxLength` rarely,
    // but a wrong type fails every keyword below it.
    // Each missing key is its own message: an object that lacks three keys reports all three.
    const key = `${diagnostic.pointer}|${diagnostic.code}${diagnostic.code === 'missing-key' ? `|${diagnostic.message}` : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnostic);
  }
  return { diagnostics };
}

/**
 * The schema node that describes the value at `path`, before any $ref is followed: its title
 * is the property's own ("Retention"), not the shared definition's ("Duration").
 */
function propertySchema(path: readonly string[], schema: Record<string, unknown>): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema as SchemaNode;
  let described: SchemaNode | undefined = node;
  for (const segment of path) {
    node = resolveRef(node, schema);
    const next: SchemaNode | undefined = /^\d+$/.test(segment)
      ? (node as { items?: SchemaNode }).items
      : node?.properties?.[segment];
    if (!next) return undefined;
    described = next;
    node = next;
  }
  return described;
}

function resolveRef(node: SchemaNode | undefined, schema: Record<string, unknown>): SchemaNode | undefined {
  let current = node;
  for (let guard = 0; current?.$ref && guard < 10; guard++) {
    const name = current.$ref.replace('#/$defs/', '');
    current = (schema as { $defs?: Record<string, SchemaNode> }).$defs?.[name];
  }
  return current;
}

function toDiagnostic(source: Source, error: ErrorObject, schema: Record<string, unknown>): Diagnostic | undefined {
  const path = fromPointer(error.instancePath);
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const title = propertySchema(path, schema)?.title ?? parent.title;
  const what = title && path.length > 0 ? ` (${title.toLowerCase()})` : '';
  const base = (
    code: string,
    message: string,
    range = locate(source, path),
    pointer = error.instancePath,
    hint?: string,
  ): Diagnostic => ({
    code,
    severity: 'error',
    message,
    file: source.file,
    ...range,
    pointer,
    ...(hint ? { hint } : {}),
    docs: docsUrl(code),
  });

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const known = Object.keys(parent.properties ?? {}).filter((k) => k !== '$schema');
      const guess = didYouMean(key, known);
      return base(
        'unknown-key',
        `Unknown key "${key}" ${where(path)}.`,
        locate(source, [...path, key], { key: true }),
        `${error.instancePath}/${key}`,
        guess ? `Did you mean "${guess}"?` : `Allowed keys: ${known.join(', ')}.`,
      );
    }
    case 'required': {
      const key = String(error.params.missingProperty);
      const property = parent.properties?.[key];
      const example = property?.examples?.[0];
      return base(
        'missing-key',
        `Missing the required key "${key}" ${where(path)}${property?.description ? `: ${lowerFirst(property.description)}` : '.'}`,
        locateOwner(source, path),
        error.instancePath,
        example !== undefined ? `For example:\n${indent(stringify({ [key]: example }, { lineWidth: 0 }))}` : undefined,
      );
    }
    case 'type': {
      if (path.length === 0) {
        return base(
          'wrong-type',
          source.value === null
            ? 'The declaration is empty.'
            : `A declaration must be a mapping of keys to values, but this file holds ${typeName(error.data)}.`,
          undefined,
          undefined,
          'Start the file with "policygen: 1", then the organization, effective date, jurisdictions and data; see examples/minimal.yaml.',
        );
      }
      const expected = String(error.params.type);
      const found = typeName(error.data);
      const quoteIt = expected === 'string' && (found === 'a number' || found === 'a boolean');
      return base(
        'wrong-type',
        `Expected ${typeName(expected, true)}${what} here, but found ${found}.`,
        undefined,
        undefined,
        quoteIt ? `Put the value in quotes to make it text: "${String(error.data)}".` : exampleHint(parent),
      );
    }
    case 'propertyNames':
      // Ajv reports the key's own error (below) as well as this summary of it.
      return undefined;
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      if (error.propertyName !== undefined) {
        // A key from a fixed list (propertyNames), such as a rule id under the config's rules.
        const name = error.propertyName;
        const guess = didYouMean(name, allowed);
        const rule = path.length === 1 && path[0] === 'rules';
        return base(
          rule ? 'unknown-rule' : 'unknown-key',
          rule ? `There is no rule "${name}".` : `Unknown key "${name}" ${where(path)}.`,
          locate(source, [...path, name], { key: true }),
          `${error.instancePath}/${pointerSegment(name)}`,
          guess ? `Did you mean "${guess}"?` : `Allowed: ${shorten(allowed.join(', '), 400)}.`,
        );
      }
      const guess =
        typeof error.data === 'string' ? (synonym(error.data, allowed) ?? didYouMean(error.data, allowed)) : undefined;
      return base(
        'unknown-value',
        `${inline(error.data)} is not an allowed value${what}.`,
        undefined,
        undefined,
        guess ? `Did you mean "${guess}"?` : `Allowed values: ${shorten(allowed.join(', '), 400)}.`,
      );
    }
    case 'const':
      return base(
        'unknown-value',
        `${inline(error.data)} is not allowed${what}; expected ${inline(error.params.allowedValue)}.`,
      );
    case 'format':
    case 'pattern':
      return base(
        'invalid-value',
        `${inline(error.data)} is not a valid ${(parent.title ?? 'value').toLowerCase()}${what && parent.title !== title ? what : ''}.`,
        undefined,
        undefined,
        [parent.description, exampleHint(parent)].filter(Boolean).join(' '),
      );
    case 'minLength':
      return base('invalid-value', `This value${what} must not be empty.`);
    case 'maxLength':
      return base('too-long', `This value${what} is longer than the limit of ${error.params.limit} characters.`);
    case 'minItems':
      return base(
        'too-few',
        `This list${what} needs at least ${error.params.limit} item${error.params.limit === 1 ? '' : 's'}.`,
      );
    case 'maxItems':
      return base('too-many', `This list${what} has more than the limit of ${error.params.limit} items.`);
    case 'uniqueItems': {
      // Point at the repetition, the later of the two equal items.
      const [first, second] = [Number(error.params.i), Number(error.params.j)].sort((a, b) => a - b);
      return base(
        'duplicate-item',
        `This list${what} repeats an item (items ${first! + 1} and ${second! + 1} are the same).`,
        locate(source, [...path, second!]),
        `${error.instancePath}/${second}`,
      );
    }
    case 'minProperties':
      return base(
        'too-few',
        `This entry${what} needs at least ${error.params.limit} key${error.params.limit === 1 ? '' : 's'}.`,
        locateOwner(source, path),
        undefined,
        exampleHint(parent),
      );
    case 'maxProperties':
      return base(
        'too-many',
        `This entry${what} may have at most ${error.params.limit} key${error.params.limit === 1 ? '' : 's'}; split it into separate items.`,
        locateOwner(source, path),
        undefined,
        exampleHint(parent),
      );
    case 'minimum':
    case 'maximum':
      return base(
        'out-of-range',
        `${inline(error.data)} is out of range${what}: it must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${error.params.limit}.`,
      );
    default:
      return base('schema', `${error.message ?? 'Invalid value'}${what}.`);
  }
}

function exampleHint(schema: SchemaNode): string | undefined {
  const example = schema.examples?.[0];
  if (example === undefined) return undefined;
  if (example !== null && typeof example === 'object')
    return `For example:\n${indent(stringify(example, { lineWidth: 0 }))}`;
  return `For example: ${inline(example)}`;
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/** Where a path is, as a person reads YAML: "in data[2].retention", "at the top level". */
function where(path: readonly string[]): string {
  if (path.length === 0) return 'at the top level of the declaration';
  return `in ${path.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')}`;
}

/** Names people use for jurisdictions, mapped to policygen's codes. */
const SYNONYMS: Record<string, string> = {
  eu: 'eea',
  europe: 'eea',
  gdpr: 'eea',
  'european-union': 'eea',
  gb: 'uk',
  'united-kingdom': 'uk',
  england: 'uk',
  britain: 'uk',
  usa: 'us',
  'united-states': 'us',
  coppa: 'us',
  canada: 'ca',
  california: 'us-ca',
  ccpa: 'us-ca',
  cpra: 'us-ca',
  virginia: 'us-va',
  colorado: 'us-co',
  connecticut: 'us-ct',
  switzerland: 'ch',
  brazil: 'br',
  lgpd: 'br',
  china: 'cn',
  pipl: 'cn',
  japan: 'jp',
  appi: 'jp',
  korea: 'kr',
  'south-korea': 'kr',
  australia: 'au',
  india: 'in',
  singapore: 'sg',
  pdpa: 'sg',
};

function synonym(value: string, allowed: readonly string[]): string | undefined {
  const code =
    SYNONYMS[
      value
        .toLowerCase()
        .trim()
        .replace(/[\s_]+/g, '-')
    ];
  return code !== undefined && allowed.includes(code) && code !== value ? code : undefined;
}

function typeName(value: unknown, expected = false): string {
  if (expected) {
    const names: Record<string, string> = {
      string: 'text',
      object: 'a mapping of keys to values',
      array: 'a list',
      integer: 'a whole number',
      number: 'a number',
      boolean: 'true or false',
    };
    return names[String(value)] ?? String(value);
  }
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

/** A short one-line rendering of a value for messages; invisible and direction-changing characters are shown as escapes. */
function inline(value: unknown): string {
  const text = (JSON.stringify(value) ?? String(value)).replace(
    /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ue000-\uf8ff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return shorten(text, 80);
}

function shorten(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

function lowerFirst(text: string): string {
  return /^[A-Z]([a-z]| )/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
