// Generates src/types/declaration.ts from schemas/policy.schema.json, the single source of
// truth for the declaration. `npm run gen:types` rewrites it; a test fails when it is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { compile } from 'json-schema-to-typescript';

/** Render the declaration types for the schema text given. */
export async function generateTypes(schemaText) {
  const schema = JSON.parse(schemaText);
  // Titles are for editors; without them the generator names types after property keys,
  // which keeps the output free of dozens of `type Name = string` aliases.
  // `node` is a schema; its `properties` and `$defs` hold schemas by name, whose names may
  // themselves be "title" or "examples" and must stay.
  const strip = (node) => {
    if (Array.isArray(node)) return node.forEach(strip);
    if (!node || typeof node !== 'object') return;
    delete node.title;
    delete node.examples;
    // A description beside a $ref makes the generator mint a copy of the referenced type.
    if (node.$ref) delete node.description;
    // The types describe a declaration after localisation (src/localize): every text that
    // may be given per language is, by then, the one string of the locale being built.
    if (typeof node.$ref === 'string') node.$ref = node.$ref.replace('#/$defs/localized_', '#/$defs/');
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' || key === '$defs') Object.values(value).forEach(strip);
      else if (key !== 'enum' && key !== 'const') strip(value);
    }
  };
  strip(schema);
  for (const name of Object.keys(schema.$defs)) if (name.startsWith('localized_')) delete schema.$defs[name];
  schema.title = 'Declaration';
  return compile(schema, 'Declaration', {
    bannerComment: '/* Generated from schemas/policy.schema.json by `npm run gen:types`. Do not edit. */',
    additionalProperties: false,
    unreachableDefinitions: false,
    ignoreMinAndMaxItems: true,
    format: true,
    style: { singleQuote: true },
  });
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const text = await readFile(new URL('../schemas/policy.schema.json', import.meta.url), 'utf8');
  await writeFile(new URL('../src/types/declaration.ts', import.meta.url), await generateTypes(text));
}
