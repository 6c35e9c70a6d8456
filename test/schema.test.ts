import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { generateTypes } from '../scripts/gen-types.mjs';
import { policySchema, policySchemaText } from '../src/schema.js';

type Node = Record<string, unknown> & { properties?: Record<string, Node>; items?: Node; $defs?: Record<string, Node> };

/** Every property schema in the declaration schema, with its path. */
function properties(node: Node, path: string, out: [string, Node][] = []): [string, Node][] {
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    out.push([`${path}/${name}`, child]);
    properties(child, `${path}/${name}`, out);
  }
  if (node.items) properties(node.items, `${path}/[]`, out);
  for (const [name, child] of Object.entries(node.$defs ?? {})) properties(child, `#/$defs/${name}`, out);
  return out;
}

describe('schemas/policy.schema.json', () => {
  const all = properties(policySchema as Node, '');

  it('has a title, a description and an example on every property, for editor help', () => {
    expect(all.length).toBeGreaterThan(100);
    const missing = all
      .filter(
        ([, node]) =>
          !node['title'] ||
          !node['description'] ||
          !Array.isArray(node['examples']) ||
          (node['examples'] as unknown[]).length === 0,
      )
      .map(([path]) => path);
    expect(missing).toEqual([]);
  });

  it('describes every value of every list of values, for hover and completion (enumDescriptions)', () => {
    const lists: [string, { enum: unknown[]; enumDescriptions?: unknown }][] = [];
    const visit = (node: unknown, path: string): void => {
      if (Array.isArray(node)) for (const [i, item] of node.entries()) visit(item, `${path}/${i}`);
      else if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        if (Array.isArray(record['enum'])) lists.push([path, record as { enum: unknown[] }]);
        for (const [key, value] of Object.entries(record)) visit(value, `${path}/${key}`);
      }
    };
    visit(policySchema, '');
    expect(lists.length).toBeGreaterThan(20);
    const bad = lists
      .filter(([, node]) => {
        const descriptions = node.enumDescriptions;
        return (
          !Array.isArray(descriptions) ||
          descriptions.length !== node.enum.length ||
          descriptions.some((d) => typeof d !== 'string' || d.length < 10 || d.length > 200 || /[`*[\]]/.test(d))
        );
      })
      .map(([path]) => path);
    expect(bad).toEqual([]);
  });

  it('uses snake_case keys', () => {
    const bad = all
      .map(([path]) => path.split('/').pop()!)
      .filter((key) => key !== '[]' && key !== '$schema' && !/^[a-z][a-z0-9_]*$/.test(key));
    expect(bad).toEqual([]);
  });

  it('is draft 2020-12 and closed against unknown keys', () => {
    expect(policySchema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    // A mapping keyed by a closed vocabulary (rights.response_times, by jurisdiction code) is closed by its propertyNames.
    const open = all
      .filter(
        ([, node]) => node['type'] === 'object' && node['additionalProperties'] !== false && !node['propertyNames'],
      )
      .map(([path]) => path);
    expect(open).toEqual([]);
  });

  it('matches the generated TypeScript types (run `npm run gen:types` after editing the schema)', async () => {
    const current = readFileSync(new URL('../src/types/declaration.ts', import.meta.url), 'utf8');
    expect(await generateTypes(policySchemaText)).toBe(current);
  });
});

describe('docs', () => {
  it('documents every diagnostic code policygen emits', async () => {
    const { readdirSync } = await import('node:fs');
    const files = (readdirSync(new URL('../src/', import.meta.url), { recursive: true }) as string[]).filter((f) =>
      f.endsWith('.ts'),
    );
    const codes = new Set<string>();
    for (const file of files) {
      const text = readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');
      for (const match of text.matchAll(
        /code: '([a-z-]+)'|(?:report|base)\('([a-z-]+)'|\? '([a-z]+-[a-z-]+)' : '([a-z]+-[a-z-]+)'/g,
      )) {
        for (const code of match.slice(1)) if (code) codes.add(code);
      }
    }
    const docs = readFileSync(new URL('../docs/diagnostics.md', import.meta.url), 'utf8');
    expect(codes.size).toBeGreaterThan(15);
    expect([...codes].filter((code) => !docs.includes(`## ${code}\n`))).toEqual([]);
  });

  it('keeps docs/declaration.md in step with the schema (run `npm run gen:docs`)', async () => {
    // @ts-expect-error: a plain ES module script without types
    const { generateReference } = await import('../scripts/gen-docs.mjs');
    expect(generateReference(policySchemaText)).toBe(
      readFileSync(new URL('../docs/declaration.md', import.meta.url), 'utf8'),
    );
  });
});

describe('templates see vocabulary values as they are', () => {
  it('keeps every enum-valued key of the schema out of tokenisation', async () => {
    const { RAW_KEYS } = await import('../src/render/view.js');
    const defs = (policySchema as Node).$defs!;
    const resolve = (node: Node): Node =>
      typeof node['$ref'] === 'string' ? defs[(node['$ref'] as string).replace('#/$defs/', '')]! : node;
    const enumKeys = new Set<string>();
    const walk = (node: Node) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        const target = resolve(child);
        const items = target.items ? resolve(target.items) : undefined;
        if (target['enum'] || items?.['enum']) enumKeys.add(key);
        walk(target);
        if (items) walk(items);
      }
    };
    walk(policySchema as Node);
    for (const def of Object.values(defs)) walk(def);
    expect([...enumKeys].filter((key) => !RAW_KEYS.has(key)).sort()).toEqual([]);
  });
});

describe('the schema bounds every value', () => {
  it('gives every string a maximum length (or a pattern, format or enum that bounds it) and every list a maximum size', () => {
    const defs = (policySchema as Node).$defs!;
    const resolve = (node: Node): Node =>
      typeof node['$ref'] === 'string' ? defs[(node['$ref'] as string).replace('#/$defs/', '')]! : node;
    const unbounded: string[] = [];
    const check = (node: Node, path: string) => {
      const target = resolve(node);
      if (
        target['type'] === 'string' &&
        target['maxLength'] === undefined &&
        !target['enum'] &&
        target['const'] === undefined &&
        !(typeof target['pattern'] === 'string' && /\{\d+,\d+\}\$$|\)\$$/.test(target['pattern'] as string)) &&
        target['format'] !== 'date'
      ) {
        unbounded.push(path);
      }
      if (target['type'] === 'array' && target['maxItems'] === undefined) unbounded.push(path);
      for (const [key, child] of Object.entries(target.properties ?? {})) check(child, `${path}/${key}`);
      if (target.items) check(target.items, `${path}/[]`);
    };
    check(policySchema as Node, '');
    expect(unbounded).toEqual([]);
  });
});

describe('schemas/config.schema.json', () => {
  it('has a title, a description and an example on every property, and is closed', () => {
    const config = JSON.parse(readFileSync(new URL('../schemas/config.schema.json', import.meta.url), 'utf8')) as Node;
    const all = properties(config, '');
    expect(all.length).toBeGreaterThan(15);
    const missing = all
      .filter(([, node]) => !node['title'] || !node['description'] || !Array.isArray(node['examples']))
      .map(([path]) => path);
    expect(missing).toEqual([]);
    const open = all
      .filter(
        ([, node]) => node['type'] === 'object' && node['additionalProperties'] !== false && !node['propertyNames'],
      )
      .map(([path]) => path);
    expect(open).toEqual([]);
  });
});
