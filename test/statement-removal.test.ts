import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { compile } from '../src/compile.js';
import { Session } from '../src/session.js';

// One session for the file: the variants share most shapes (outputs are the same without one: test/session.test.ts).
const session = new Session();
import { without } from './helpers.js';
import type { Statement } from '../src/provenance/statements.js';
import { generateDeclaration } from '../bench/generate.mjs';

/**
 * The removal property, sentence by sentence (docs/truthful-output.md): delete any node of a
 * declaration and build again. Either the build stops with an error (missing-fact, a rule, the
 * schema), or
 * - no fact or required statement whose every source was the node, in it or around it is still said word for
 *   word (a statement that also cites something else may stand on that: a heading over "what
 *   we collect automatically" stays while one such category is left); a link's target is the
 *   exception, as statements hold text: the sentence stays, unlinked;
 * - every statement that cited neither the node, nor anything in it, nor anything it is in,
 *   is still said: a sentence that changes with a node it does not cite has lost a source.
 *
 * Checked for the nodes of every example, of test/real/'s declarations and of a generated one
 * (see nodes()), in English.
 */
const examples = new URL('../examples/', import.meta.url);
const names = readdirSync(examples)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
type Path = (string | number)[];

/**
 * The nodes to remove: every key and every item, except, to keep the test quick, the middle
 * items of a list (of plain values, the first and last stand for them; of objects, the first
 * three and the last) and a text's versions in other languages than English.
 */
function nodes(node: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (path.length > 0) out.push(path);
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      const plain = item === null || typeof item !== 'object';
      if (i < (plain ? 1 : 3) || i === node.length - 1) nodes(item, [...path, i], out);
    });
  } else if (node && typeof node === 'object') {
    const entries = Object.entries(node as Record<string, unknown>);
    const languages =
      entries.length > 0 && entries.every(([k, v]) => /^[a-z]{2}(-[A-Z]{2})?$/.test(k) && typeof v === 'string');
    for (const [k, v] of entries) if (!languages || k === 'en') nodes(v, [...path, k], out);
  }
  return out;
}

const pointer = (path: Path) => path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
const key = (s: Statement) => `${s.section}\u0000${s.text}`;
// The version is a digest of the declaration: it changes with any edit.
const VERSIONED = /\b[0-9a-f]{12}\b/;

function statementsOf(name: string, declaration: unknown): Statement[] | undefined {
  const result = compile(
    { file: name, text: stringify(declaration, { lineWidth: 0 }) },
    { formats: ['json'], session },
  );
  if (result.diagnostics.some((d) => d.severity === 'error')) return undefined;
  return (JSON.parse(result.outputs[0]!.content) as { statements: Statement[] }).statements.filter(
    (s) => !VERSIONED.test(s.text),
  );
}

function count(list: readonly Statement[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of list) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
  return counts;
}

// The examples, and a declaration generated as the benchmark makes them (bench/generate.mjs).
const cases: [string, () => unknown][] = [
  ...names.map((name): [string, () => unknown] => [name, () => parse(readFileSync(new URL(name, examples), 'utf8'))]),
  [
    'generated (3 categories, 2 vendors, 2 cookies)',
    () => parse(generateDeclaration({ size: 3, vendors: 2, cookies: 2, seed: 7 })),
  ],
  ...readdirSync(new URL('./real/', import.meta.url))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((name): [string, () => unknown] => [
      `real/${name}`,
      () => parse(readFileSync(new URL(`./real/${name}`, import.meta.url), 'utf8')),
    ]),
];

describe('removing a node removes exactly the statements that cite it', () => {
  for (const [name, load] of cases) {
    it(name, () => {
      const declaration = load();
      const before = statementsOf(name, declaration)!;
      const problems: string[] = [];
      let checked = 0;
      for (const path of nodes(declaration)) {
        const after = statementsOf(name, without(declaration, path));
        if (!after) continue;
        checked++;
        const x = pointer(path);
        // A link's target is not in a statement's text: the sentence stays, unlinked.
        const value = path.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], declaration);
        const link = typeof value === 'string' && /^(https?:|mailto:)/.test(value);
        const left = count(after);
        const cites = (s: Statement) => s.sources.some((p) => p === x || p.startsWith(x + '/'));
        const inside = (s: Statement) => s.sources.some((p) => x.startsWith(p + '/'));
        const kept = count(before.filter((s) => !cites(s)));
        // Every source of the statement was the node, in it, or around it: nothing else can still support it.
        const orphaned = (s: Statement) =>
          s.sources.every((p) => p === x || p.startsWith(x + '/') || x.startsWith(p + '/'));
        for (const s of before) {
          if (
            s.kind !== 'explanation' &&
            cites(s) &&
            orphaned(s) &&
            !link &&
            (left.get(key(s)) ?? 0) > (kept.get(key(s)) ?? 0)
          )
            problems.push(`${x}: still says "${s.text}" (${s.section})`);
          if (!cites(s) && !inside(s) && (left.get(key(s)) ?? 0) === 0)
            problems.push(`${x}: no longer says "${s.text}" (${s.section}), which does not cite it`);
        }
      }
      expect(checked).toBeGreaterThan(0);
      expect([...new Set(problems)]).toEqual([]);
    });
  }
});
