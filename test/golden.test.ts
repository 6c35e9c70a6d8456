import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, FORMATS } from '../src/compile.js';
import { localeCodes } from '../src/locales.js';

/**
 * Golden outputs for every example and format. `npm run test:update` rewrites them, so a
 * change to a template or the pipeline shows up as a reviewed diff in test/golden/.
 */
const examples = new URL('../examples/', import.meta.url);
const golden = new URL('./golden/', import.meta.url);
const update = process.env['UPDATE'] === '1';
const names = readdirSync(examples)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('golden outputs', () => {
  it('covers every example', () => {
    expect(names).toEqual([
      'craft-room.yaml',
      'creativepro.yaml',
      'krux.yaml',
      'minimal.yaml',
      'multinational.yaml',
      'pipl-service.yaml',
      'strum.yaml',
    ]);
  });

  for (const name of names) {
    describe(name, () => {
      const file = `examples/${name}`;
      const result = compile({ file, text: readFileSync(new URL(name, examples), 'utf8') });

      it('builds without errors or warnings', () => {
        expect(result.diagnostics).toEqual([]);
      });

      for (const format of FORMATS) {
        it(`matches test/golden/${name.replace('.yaml', '')}.${format}`, () => {
          const output = result.outputs.find((o) => o.format === format)!.content;
          const expected = new URL(`${name.replace('.yaml', '')}.${format}`, golden);
          if (update) {
            mkdirSync(golden, { recursive: true });
            writeFileSync(expected, output);
          }
          if (!existsSync(expected))
            throw new Error(`missing golden file ${expected.pathname}; run npm run test:update, review and commit it`);
          expect(output).toBe(readFileSync(expected, 'utf8'));
        });
      }

      it('has no empty section: every heading is followed by text', () => {
        const md = result.outputs.find((o) => o.format === 'md')!.content;
        const lines = md.split('\n').filter((line) => line.trim() !== '');
        const empty = lines.filter((line, i) => {
          const depth = /^(#+) /.exec(line)?.[1]?.length;
          if (!depth) return false;
          const next = lines[i + 1];
          const nextDepth = next ? /^(#+) /.exec(next)?.[1]?.length : 0;
          return next === undefined || (nextDepth !== undefined && nextDepth <= depth);
        });
        expect(empty).toEqual([]);
      });

      it('is byte-identical when compiled again', () => {
        const again = compile({ file, text: readFileSync(new URL(name, examples), 'utf8') });
        expect(again.outputs).toEqual(result.outputs);
      });

      // Every other locale's wording, as Markdown: the HTML and JSON come from the same tree
      // and model, and the locale tests check that they state the same facts as English.
      for (const locale of localeCodes().filter((l) => l !== 'en')) {
        it(`matches test/golden/${locale}/${name.replace('.yaml', '')}.md`, () => {
          const localized = compile(
            { file, text: readFileSync(new URL(name, examples), 'utf8') },
            { locale, formats: ['md'] },
          );
          expect(localized.diagnostics).toEqual([]);
          const output = localized.outputs[0]!.content;
          const dir = new URL(`${locale}/`, golden);
          const expected = new URL(`${name.replace('.yaml', '')}.md`, dir);
          if (update) {
            mkdirSync(dir, { recursive: true });
            writeFileSync(expected, output);
          }
          if (!existsSync(expected))
            throw new Error(`missing golden file ${expected.pathname}; run npm run test:update, review and commit it`);
          expect(output).toBe(readFileSync(expected, 'utf8'));
        });
      }
    });
  }
});
