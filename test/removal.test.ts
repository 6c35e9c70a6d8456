import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { compile } from '../src/compile.js';
import { Session } from '../src/session.js';

// One session for the file: the variants share most shapes (outputs are the same without one: test/session.test.ts).
const session = new Session();
import { without } from './helpers.js';

/**
 * The removal property (docs/truthful-output.md): delete any optional text a declaration
 * holds and build again; the policy must stop saying it, or the build must stop with an error
 * (missing-fact, a rule, the schema). No sentence may keep asserting what was removed.
 *
 * Checked for every free text of every example, in English: the text is located by its own
 * words in the Markdown, so only texts that appear once in the declaration, and that Markdown
 * prints as they are, take part.
 */
const examples = new URL('../examples/', import.meta.url);
const names = readdirSync(examples)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
type Path = (string | number)[];
// Words with a space between them (not an id or a code), that Markdown prints as they are.
const PRINTED_AS_IS = /^(?=.* )[\p{L}\p{N} ,.'’()-]{12,}$/u;

/** Every free text of a declaration, in English: its path and its words. */
function texts(node: unknown, path: Path = [], out: { path: Path; text: string }[] = []) {
  if (typeof node === 'string') out.push({ path, text: node });
  else if (Array.isArray(node)) for (const [i, item] of node.entries()) texts(item, [...path, i], out);
  else if (node && typeof node === 'object') {
    const entries = Object.entries(node as Record<string, unknown>);
    // A text given per language is one text: its English.
    if (entries.length && entries.every(([k, v]) => /^[a-z]{2}(-[A-Z]{2})?$/.test(k) && typeof v === 'string')) {
      const en = (node as Record<string, string>)['en'];
      if (en !== undefined) out.push({ path, text: en });
    } else for (const [k, v] of entries) texts(v, [...path, k], out);
  }
  return out;
}

describe('removing a declared text removes what the policy says with it', () => {
  for (const name of names) {
    it(name, () => {
      const declaration = parse(readFileSync(new URL(name, examples), 'utf8')) as unknown;
      const all = texts(declaration);
      // A text that another one contains (in any case: a label is written in lower case inside
      // sentences) cannot be told apart in the policy. The title is a heading, not a statement: without one the policy is called "Privacy Policy".
      const candidates = all.filter(
        ({ path, text }) =>
          path[0] !== 'title' &&
          PRINTED_AS_IS.test(text) &&
          all.filter(
            (t) =>
              t.text.toLowerCase().includes(text.toLowerCase()) || text.toLowerCase().includes(t.text.toLowerCase()),
          ).length === 1,
      );
      const before = compile({ file: name, text: stringify(declaration) }, { formats: ['md'], session }).outputs[0]!
        .content;
      let checked = 0;
      for (const { path, text } of candidates) {
        if (!before.includes(text)) continue;
        const result = compile(
          { file: name, text: stringify(without(declaration, path), { lineWidth: 0 }) },
          { formats: ['md'], session },
        );
        if (result.diagnostics.some((d) => d.severity === 'error')) continue;
        checked++;
        expect(result.outputs[0]!.content.includes(text), `${path.join('.')}: "${text}"`).toBe(false);
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});

/**
 * The same for declared yes/no facts: deleting one changes the policy, or stops the build. The
 * exceptions are flags whose absence already means "no" for what the policy says (a recipient not
 * marked sold is not sold to; selling is stated from sale.sells), and a breach notice that nobody
 * receives, which the policy leaves unsaid rather than deny.
 */
const SILENT_WHEN_FALSE =
  /^(recipients\.\d+\.(sold|shared_for_advertising)|security\.breach_notification\.(users|regulators))$/;

function flags(node: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (typeof node === 'boolean') out.push(path);
  else if (Array.isArray(node)) for (const [i, item] of node.entries()) flags(item, [...path, i], out);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) flags(v, [...path, k], out);
  return out;
}

describe('removing a declared yes or no changes what the policy says', () => {
  for (const name of names) {
    it(name, () => {
      const declaration = parse(readFileSync(new URL(name, examples), 'utf8')) as unknown;
      const text = (d: unknown) =>
        compile({ file: name, text: stringify(d, { lineWidth: 0 }) }, { formats: ['md'], session });
      const unversioned = (md: string) => md.replace(/\*\*Version:\*\* \w+/, '');
      const before = unversioned(text(declaration).outputs[0]!.content);
      for (const path of flags(declaration)) {
        const value = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], declaration);
        if (value === false && SILENT_WHEN_FALSE.test(path.join('.'))) continue;
        const result = text(without(declaration, path));
        if (result.diagnostics.some((d) => d.severity === 'error')) continue;
        expect(unversioned(result.outputs[0]!.content), `${path.join('.')}: ${String(value)}`).not.toBe(before);
      }
    });
  }
});
