import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, type CompileOptions } from '../src/compile.js';
import { localeCodes } from '../src/locales.js';
import { Session } from '../src/session.js';

/**
 * The session only saves work (src/session.ts): every corpus compiled in one session, in a row
 * so that later declarations reuse what earlier ones left, and each a second time, gives
 * byte for byte what a compile without a session gives.
 */
const read = (dir: string) =>
  readdirSync(new URL(`./${dir}/`, import.meta.url))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({
      file: `${dir}/${name}`,
      text: readFileSync(new URL(`./${dir}/${name}`, import.meta.url), 'utf8'),
    }));
const examples = readdirSync(new URL('../examples/', import.meta.url))
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => ({
    file: `examples/${name}`,
    text: readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8'),
  }));

function sameWithAndWithout(inputs: readonly { file: string; text: string }[], options: CompileOptions) {
  const session = new Session();
  const plain = inputs.map((input) => compile(input, options));
  for (const pass of [1, 2]) {
    inputs.forEach((input, i) => {
      const withSession = compile(input, { ...options, session });
      expect(withSession.diagnostics, `${input.file} (pass ${pass})`).toEqual(plain[i]!.diagnostics);
      expect(withSession.outputs, `${input.file} (pass ${pass})`).toEqual(plain[i]!.outputs);
    });
  }
  return session;
}

describe('a compile in a session and one without', () => {
  it.each(localeCodes())('agree on every example in %s, in every format', (locale) => {
    const session = sameWithAndWithout(examples, {
      locale,
      allowFallback: true,
      formats: locale === 'en' ? ['md', 'html', 'json', 'trace'] : ['md', 'html', 'json'],
    });
    // The second pass rendered from the session.
    expect(session.renders.stats.hits).toBeGreaterThanOrEqual(examples.length);
  });

  it('agree on every jurisdiction fixture', () => {
    sameWithAndWithout(read('jurisdictions'), { formats: ['md', 'html', 'json'] });
  });

  it('agree on the hostile corpus, errors included', () => {
    sameWithAndWithout(read('hostile'), { formats: ['md', 'html', 'json'] });
  });

  it('agree with options that change how shapes are dressed', () => {
    sameWithAndWithout(examples, {
      visibleCitations: true,
      markdown: { headingIds: true, toc: true, frontMatter: ['title', 'version'] },
      html: { fragment: true, toc: true },
    });
  });
});

describe('the model compile returns', () => {
  it("is the caller's to change, and a change reaches no later compile", () => {
    const text = readFileSync(new URL('../examples/minimal.yaml', import.meta.url), 'utf8');
    const session = new Session();
    const first = compile({ file: 'm.yaml', text }, { session });
    first.model!.organization.name = 'Changed';
    first.model!.data.push({ ...first.model!.data[0]!, id: 'extra' });
    const again = compile({ file: 'm.yaml', text }, { session });
    expect(again.model!.organization.name).not.toBe('Changed');
    expect(again.model!.data.map((d) => d.id)).not.toContain('extra');
    expect(again.outputs).toEqual(compile({ file: 'm.yaml', text }).outputs);
  });
});
