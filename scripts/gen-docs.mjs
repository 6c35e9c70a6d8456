// Generates docs/declaration.md, the reference of the declaration format, from
// schemas/policy.schema.json. `npm run gen:docs` rewrites it; a test fails when it is stale.
import { readFile, writeFile } from 'node:fs/promises';

/** Render the Markdown reference for the schema text given. */
export function generateReference(schemaText) {
  const schema = JSON.parse(schemaText);
  const defs = schema.$defs ?? {};
  const resolve = (node) => {
    let current = node;
    for (let i = 0; current?.$ref && i < 10; i++) current = defs[current.$ref.replace('#/$defs/', '')];
    return current ?? {};
  };
  const typeOf = (node) => {
    const target = resolve(node);
    if (target.enum) return 'one of ' + target.enum.map((v) => '`' + v + '`').join(', ');
    if (target.const !== undefined) return '`' + JSON.stringify(target.const) + '`';
    if (target.type === 'array') {
      const items = resolve(target.items ?? {});
      if (items.enum) return 'list of ' + items.enum.map((v) => '`' + v + '`').join(', ');
      return `list of ${items.type === 'object' ? 'entries' : (items.title ?? items.type ?? 'values').toLowerCase()}`;
    }
    if (target.type === 'object') return 'mapping';
    if (node.$ref) return (target.title ?? target.type).toLowerCase();
    return target.format ? `${target.type} (${target.format})` : target.type;
  };
  const lines = [
    '# The declaration',
    '',
    '<!-- Generated from schemas/policy.schema.json by `npm run gen:docs`. Do not edit. -->',
    '',
    schema.description,
    '',
    'Start a file with `# yaml-language-server: $schema=../node_modules/policygen/schemas/policy.schema.json` (the path from the file to the installed package; `policygen init` writes it) to get completion and help in editors that use the YAML language server. Durations are written as a lawyer would ("6 months", "30 minutes", "30 days after the account is closed", "while the account is active", "until you unsubscribe", "as long as required by law", "the browser session", "indefinitely") or in ISO 8601 ("P6M", "PT30M"). Ids are lower-case words with hyphens; each fact is declared once and referred to by its id.',
    '',
  ];
  // What each value means (the schema's enumDescriptions, which editors show on hover): once
  // per list of values; a list used again (a $ref) points back to where it is described.
  const described = new Map();
  const values = (node, key) => {
    const direct = resolve(node);
    const holder = direct.enum ? node : direct.type === 'array' ? (direct.items ?? {}) : {};
    const target = resolve(holder);
    if (!target.enum || !target.enumDescriptions) return;
    const ref = holder.$ref;
    if (ref && described.has(ref)) {
      lines.push(`- Values: as described under \`${described.get(ref)}\``);
      return;
    }
    if (ref) described.set(ref, key);
    lines.push('- Values:');
    for (const [i, value] of target.enum.entries()) lines.push(`  - \`${value}\`: ${target.enumDescriptions[i]}`);
  };
  const walk = (node, path, depth) => {
    const target = resolve(node);
    const required = new Set(target.required ?? []);
    const props = target.properties ?? resolve(target.items ?? {}).properties;
    const requiredOf = target.properties ? required : new Set(resolve(target.items ?? {}).required ?? []);
    if (!props) return;
    for (const [name, child] of Object.entries(props)) {
      if (name === '$schema') continue;
      const key = path ? `${path}.${name}` : name;
      const example = child.examples?.[0];
      lines.push(`${'#'.repeat(Math.min(depth, 6))} \`${key}\`${requiredOf.has(name) ? ' (required)' : ''}`, '');
      lines.push(`**${child.title}** — ${child.description}`, '');
      lines.push(`- Type: ${typeOf(child)}`);
      values(child, key);
      if (example !== undefined) lines.push(`- Example: \`${JSON.stringify(example)}\``);
      lines.push('');
      walk(child, resolve(child).type === 'array' ? `${key}[]` : key, depth + 1);
    }
  };
  walk(schema, '', 2);
  return lines.join('\n').replace(/\n+$/, '\n');
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const text = await readFile(new URL('../schemas/policy.schema.json', import.meta.url), 'utf8');
  await writeFile(new URL('../docs/declaration.md', import.meta.url), generateReference(text));
}
