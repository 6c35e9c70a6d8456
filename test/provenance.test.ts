import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compile } from '../src/compile.js';
import { localeCodes } from '../src/locales.js';
import type { Statement } from '../src/provenance/statements.js';
import { compact, markdownText, normal, resolves } from './statement-text.js';

/**
 * Provenance (docs/truthful-output.md): the JSON output's `statements` cover the Markdown
 * exactly, sentence by sentence, in order; every source is a node the declaration holds;
 * every fact and every required statement has one. And tracing changes nothing: the
 * Markdown and HTML of a build with the JSON are those of a build without it.
 *
 * Run over every example in every locale, every jurisdiction fixture and the declarations of
 * test/real/ (which must also build without a warning).
 */
const corpus: { name: string; file: string; locale: string }[] = [];
const examples = readdirSync(new URL('../examples/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .sort();
for (const locale of localeCodes())
  for (const name of examples) corpus.push({ name: `${name} (${locale})`, file: `examples/${name}`, locale });
for (const name of readdirSync(new URL('./jurisdictions/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  corpus.push({ name: `jurisdictions/${name}`, file: `test/jurisdictions/${name}`, locale: 'en' });
}
// Declarations written from real public policies of other kinds of organisation (a health app, a news site).
for (const name of readdirSync(new URL('./real/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  corpus.push({ name: `real/${name}`, file: `test/real/${name}`, locale: 'en' });
}

describe('statements: where every sentence comes from', () => {
  for (const entry of corpus) {
    describe(entry.name, () => {
      const text = readFileSync(new URL(`../${entry.file}`, import.meta.url), 'utf8');
      const options = { locale: entry.locale, allowFallback: true };
      const traced = compile({ file: entry.file, text }, { ...options, formats: ['md', 'html', 'json'] });
      const plain = compile({ file: entry.file, text }, { ...options, formats: ['md', 'html'] });
      const output = (format: string, result = traced) => result.outputs.find((o) => o.format === format)!.content;
      const statements = (): Statement[] => JSON.parse(output('json')).statements;

      it('builds', () => {
        expect(
          traced.diagnostics.filter(
            (d) => d.severity === 'error' || (entry.file.startsWith('test/real/') && d.severity === 'warning'),
          ),
        ).toEqual([]);
      });

      it('tracing changes neither the Markdown nor the HTML', () => {
        expect(output('md')).toBe(output('md', plain));
        expect(output('html')).toBe(output('html', plain));
      });

      it('covers the Markdown exactly once, in order', () => {
        expect(
          compact(
            normal(
              statements()
                .map((s) => s.text)
                .join(' '),
            ),
            entry.locale,
          ),
        ).toBe(compact(markdownText(output('md')), entry.locale));
      });

      it('cites only nodes the declaration holds', () => {
        const declared = parse(text);
        const missing = statements().flatMap((s) =>
          s.sources.filter((p) => !resolves(declared, p)).map((p) => `${p} in "${s.text}"`),
        );
        expect(missing).toEqual([]);
      });

      it('says nothing twice: no fact or required sentence (but a short lead-in such as "Correction.") repeats with the same sources', () => {
        const seen = new Set<string>();
        const repeated: string[] = [];
        for (const s of statements()) {
          if (s.kind === 'explanation' || s.text.length < 16) continue;
          const key = `${s.text}\u0000${s.sources.join(',')}`;
          if (seen.has(key)) repeated.push(`${s.section}: ${s.text}`);
          seen.add(key);
        }
        expect(repeated).toEqual([]);
      });

      it('gives every fact and every required statement a source', () => {
        const unsourced = statements()
          .filter((s) => s.kind !== 'explanation' && s.sources.length === 0)
          .map((s) => `${s.section}: ${s.text}`);
        expect(unsourced).toEqual([]);
      });
    });
  }
});
