import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { docsUrl, fromPointer, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { locate, locateOwner, type Source } from '../load/read-yaml.js';
import { policySchema } from '../schema.js';
import type { Declaration } from '../types/declaration.js';

// Both packages are CommonJS with a `default` export; Node's ESM interop hands us the namespace.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    addFormats(ajv, ['date', 'email', 'uri']);
    compiled = ajv.compile(policySchema);
  }
  return compiled!;
}

type SchemaNode = { title?: string; description?: string; examples?: unknown[]; properties?: Record<string, SchemaNode>; $ref?: string; enum?: unknown[] };

/**
 * Checks a declaration against schemas/policy.schema.json and turns each failure into a
 * diagnostic at the YAML the person wrote, with a hint where one helps.
 */
export function validate(source: Source): { declaration?: Declaration; diagnostics: Diagnostic[] } {
  const validateFn = validator();
  if (validateFn(source.value)) return { declaration: source.value as Declaration, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of validateFn.errors ?? []) {
    const diagnostic = toDiagnostic(source, error);
    if (!diagnostic) continue;
    // One message per place and kind: a bad e-mail fails both `format` and `maxLength` rarely,
    // but a wrong type fails every keyword below it.
    const key = `${diagnostic.pointer}|${diagnostic.code}`;
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
function propertySchema(path: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = policySchema as SchemaNode;
  let described: SchemaNode | undefined = node;
  for (const segment of path) {
    node = resolveRef(node);
    const next: SchemaNode | undefined = /^\d+$/.test(segment) ? (node as { items?: SchemaNode }).items : node?.properties?.[segment];
    if (!next) return undefined;
    described = next;
    node = next;
  }
  return described;
}

function resolveRef(node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  for (let guard = 0; current?.$ref && guard < 10; guard++) {
    const name = current.$ref.replace('#/$defs/', '');
    current = ((policySchema as { $defs: Record<string, SchemaNode> }).$defs)[name];
  }
  return current;
}

function toDiagnostic(source: Source, error: ErrorObject): Diagnostic | undefined {
  const path = fromPointer(error.instancePath);
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const title = propertySchema(path)?.title ?? parent.title;
  const what = title && path.length > 0 ? ` (${title.toLowerCase()})` : '';
  const base = (code: string, message: string, range = locate(source, path), pointer = error.instancePath, hint?: string): Diagnostic => ({
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
        `Unknown key "${key}" ${path.length === 0 ? 'at the top level of the declaration' : parent.title ? `in ${article(parent.title)}` : 'here'}.`,
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
        `${parent.title ? capitalise(article(parent.title)) : 'This entry'} is missing the required key "${key}"${property?.description ? `: ${lowerFirst(property.description)}` : '.'}`,
        locateOwner(source, path),
        error.instancePath,
        example !== undefined ? `For example: ${key}: ${inline(example)}` : undefined,
      );
    }
    case 'type': {
      if (path.length === 0) {
        return base('wrong-type', source.value === null ? 'The declaration is empty.' : `A declaration must be a mapping of keys to values, but this file holds ${typeName(error.data)}.`, undefined, undefined, 'Start the file with "policygen: 1", then the organization, effective date, jurisdictions and data; see examples/minimal.yaml.');
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
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const guess = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
      return base(
        'unknown-value',
        `${inline(error.data)} is not an allowed value${what}.`,
        undefined,
        undefined,
        guess ? `Did you mean "${guess}"?` : `Allowed values: ${shorten(allowed.join(', '), 400)}.`,
      );
    }
    case 'const':
      return base('unknown-value', `${inline(error.data)} is not allowed${what}; expected ${inline(error.params.allowedValue)}.`);
    case 'format':
    case 'pattern':
      return base('invalid-value', `${inline(error.data)} is not a valid ${(parent.title ?? 'value').toLowerCase()}${what && parent.title !== title ? what : ''}${parent.description ? `: ${lowerFirst(parent.description)}` : '.'}`, undefined, undefined, exampleHint(parent));
    case 'minLength':
      return base('invalid-value', `This value${what} must not be empty.`);
    case 'maxLength':
      return base('too-long', `This value${what} is longer than the limit of ${error.params.limit} characters.`);
    case 'minItems':
      return base('too-few', `This list${what} needs at least ${error.params.limit} item${error.params.limit === 1 ? '' : 's'}.`);
    case 'maxItems':
      return base('too-many', `This list${what} has more than the limit of ${error.params.limit} items.`);
    case 'uniqueItems':
      return base('duplicate-item', `This list${what} repeats an item (items ${Number(error.params.j) + 1} and ${Number(error.params.i) + 1} are the same).`, locate(source, [...path, Number(error.params.i)]), `${error.instancePath}/${error.params.i}`);
    case 'minProperties':
      return base('too-few', `This entry${what} needs at least ${error.params.limit} key${error.params.limit === 1 ? '' : 's'}.`, locateOwner(source, path), undefined, exampleHint(parent));
    case 'maxProperties':
      return base('too-many', `This entry${what} may have at most ${error.params.limit} key${error.params.limit === 1 ? '' : 's'}; split it into separate items.`, locateOwner(source, path), undefined, exampleHint(parent));
    case 'minimum':
    case 'maximum':
      return base('out-of-range', `${inline(error.data)} is out of range${what}: it must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${error.params.limit}.`);
    default:
      return base('schema', `${error.message ?? 'Invalid value'}${what}.`);
  }
}

function exampleHint(schema: SchemaNode): string | undefined {
  const example = schema.examples?.[0];
  return example === undefined ? undefined : `For example: ${inline(example)}`;
}

function typeName(value: unknown, expected = false): string {
  if (expected) {
    const names: Record<string, string> = { string: 'text', object: 'a mapping of keys to values', array: 'a list', integer: 'a whole number', number: 'a number', boolean: 'true or false' };
    return names[String(value)] ?? String(value);
  }
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

/** A short one-line rendering of a value for messages. */
function inline(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return shorten(text, 80);
}

function shorten(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

function article(title: string): string {
  const lower = title.toLowerCase();
  return `${/^[aeiou]/.test(lower) ? 'an' : 'a'} ${lower}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
