import { existsSync, readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/assemble/parse-markdown.js';
import { toText } from '../src/assemble/assemble.js';
import { compile } from '../src/compile.js';
import { bundledTemplates } from '../src/render/templates.js';
import { applies, jurisdictions } from '../src/jurisdictions/registry.js';
import { SECTION_IDS } from '../src/normalize/vocabulary.js';
import { ruleById } from '../src/rules/index.js';
import { policySchema } from '../src/schema.js';
// @ts-expect-error: a plain ES module script without types
import { moduleCodes } from '../scripts/gen-jurisdiction-codes.mjs';

const ajv = new Ajv2020Module.default({ allErrors: true, strict: true });
const validateModule = ajv.compile(
  JSON.parse(readFileSync(new URL('../schemas/jurisdiction.schema.json', import.meta.url), 'utf8')),
);
const schemaDefs = (
  policySchema as {
    $defs: Record<string, { enum?: string[]; properties?: Record<string, { items?: { enum?: string[] } }> }>;
  }
).$defs;
const RIGHTS = schemaDefs['rights']!.properties!['offered']!.items!.enum!;

/** Every value at a dot path with `*` wildcards. */
function valuesAt(value: unknown, path: string[]): unknown[] {
  if (path.length === 0) return value === undefined ? [] : [value];
  const [head, ...rest] = path;
  if (head === '*') return Array.isArray(value) ? value.flatMap((item) => valuesAt(item, rest)) : [];
  if (value && typeof value === 'object') return valuesAt((value as Record<string, unknown>)[head!], rest);
  return [];
}

describe('jurisdiction modules', () => {
  const all = [...jurisdictions().values()];

  it('are listed in the declaration schema (run `npm run gen` after adding one)', () => {
    expect(schemaDefs['jurisdiction_code']!.enum).toEqual(moduleCodes());
    expect(all.map((j) => j.code)).toEqual(moduleCodes());
  });

  for (const jurisdiction of all) {
    describe(jurisdiction.code, () => {
      const raw = parse(
        readFileSync(new URL(`../jurisdictions/${jurisdiction.code}/jurisdiction.yaml`, import.meta.url), 'utf8'),
      );

      it('has module data that matches schemas/jurisdiction.schema.json', () => {
        validateModule(raw);
        expect(validateModule.errors ?? []).toEqual([]);
      });

      it('refers only to rules, rights and sections that exist', () => {
        const sections = new Set<string>([...SECTION_IDS, `jurisdiction-${jurisdiction.code}`]);
        for (const d of jurisdiction.disclosures) {
          if (d.rule) expect(ruleById.has(d.rule), `${d.id}: rule ${d.rule}`).toBe(true);
          expect(sections.has(d.section), `${d.id}: section ${d.section}`).toBe(true);
        }
        for (const r of jurisdiction.rights) {
          expect(RIGHTS, r.right).toContain(r.right);
          expect(r.citation.startsWith(jurisdiction.short), r.citation).toBe(true);
        }
        expect(new Set(jurisdiction.disclosures.map((d) => d.id)).size).toBe(jurisdiction.disclosures.length);
      });

      it('has an English supplement', () => {
        expect(bundledTemplates('en').supplements[jurisdiction.code]).toBeDefined();
      });

      const fixture = new URL(`./jurisdictions/${jurisdiction.code}.yaml`, import.meta.url);
      it('has a complete declaration in test/jurisdictions/ that builds without diagnostics', () => {
        expect(existsSync(fixture)).toBe(true);
        const result = compile({ file: `${jurisdiction.code}.yaml`, text: readFileSync(fixture, 'utf8') });
        expect(result.diagnostics).toEqual([]);
      });

      it('renders every required disclosure in its section, with the declared values', () => {
        if (!existsSync(fixture)) return;
        const result = compile({ file: `${jurisdiction.code}.yaml`, text: readFileSync(fixture, 'utf8') });
        if (result.outputs.length === 0) throw new Error('the fixture does not build');
        const json = JSON.parse(result.outputs.find((o) => o.format === 'json')!.content) as {
          sections: { id: string }[];
          disclosures: { id: string }[];
        };
        const tree = parseMarkdown(result.outputs.find((o) => o.format === 'md')!.content);
        // Link targets count as stated: an opt-out URL may be the target of a link named for it.
        const urls: string[] = [];
        const collect = (node: { type: string; url?: string; children?: unknown[] }) => {
          if (node.type === 'link' && node.url) urls.push(node.url);
          for (const child of (node.children ?? []) as (typeof node)[]) collect(child);
        };
        collect(tree);
        const text = [toText(tree).replace(/\u2060/g, ''), ...urls].join('\n');
        const sectionIds = new Set(json.sections.map((s) => s.id));
        const missing: string[] = [];
        for (const d of jurisdiction.disclosures.filter((x) => applies(x, result.model))) {
          if (!sectionIds.has(d.section))
            missing.push(`${d.id} (${d.citation}): section ${d.section} is not in the policy`);
          for (const path of d.values ?? []) {
            for (const value of valuesAt(result.model, path.split('.'))) {
              if (typeof value === 'string' && !text.includes(value))
                missing.push(`${d.id} (${d.citation}): "${value}" from ${path} is not in the policy`);
            }
          }
        }
        expect(missing).toEqual([]);
        // The JSON lists what the law required on the policy's date.
        const inForce = jurisdiction.disclosures.filter((x) => applies({ ...x, when: undefined }, result.model));
        expect(json.disclosures.filter((d) => jurisdiction.disclosures.some((x) => x.id === d.id)).length).toBe(
          inForce.length,
        );
        expect(sectionIds.has(`jurisdiction-${jurisdiction.code}`)).toBe(true);
      });
    });
  }
});

describe('the JSON the package build makes of each module', () => {
  for (const code of moduleCodes()) {
    it(`${code}: states exactly what its YAML states`, () => {
      const source = readFileSync(new URL(`../jurisdictions/${code}/jurisdiction.yaml`, import.meta.url), 'utf8');
      const built = JSON.parse(
        readFileSync(new URL(`../dist/generated/jurisdictions/${code}.json`, import.meta.url), 'utf8'),
      ) as { data: unknown };
      expect(built.data).toEqual(parse(source, { schema: 'core' }));
    });
  }
});
