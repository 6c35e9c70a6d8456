import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { readYaml } from '../src/load/read-yaml.js';
import { DURATION_FIELDS, LOCALIZED_FIELDS, localize } from '../src/localize/localize.js';
import { policySchema } from '../src/schema.js';
import { validate } from '../src/validate/validate.js';
import { minimal, root, run } from './helpers.js';

const mark = (text: string, language: string) => `${text} [${language}]`;

function declarationOf(text: string) {
  const { source } = readYaml('policy.yaml', text);
  const { declaration, diagnostics } = validate(source);
  expect(diagnostics).toEqual([]);
  return { source, declaration: declaration! };
}

const bilingual = minimal
  .replace(
    '    description: provide the service',
    '    description:\n      en: provide the service\n      de: den Dienst zu erbringen',
  )
  .replace(
    '    retention: 6 months after the account is closed',
    '    retention:\n      period: 6 months\n      after: { en: the account is closed, de: der Schließung des Kontos }',
  );

describe('localize', () => {
  it('returns a declaration with nothing to resolve as it is', () => {
    const { source, declaration } = declarationOf(minimal);
    const result = localize(declaration, source, { locale: 'en', mark });
    expect(result.declaration).toBe(declaration);
    expect(result.diagnostics).toEqual([]);
  });

  it("picks each text's version in the locale, leaving the declaration it was given unchanged", () => {
    const { source, declaration } = declarationOf(bilingual);
    const before = structuredClone(declaration);
    const de = localize(declaration, source, { locale: 'de', mark: () => 'never' });
    const en = localize(declaration, source, { locale: 'en', mark: () => 'never' });
    expect(declaration).toEqual(before);
    // The plain strings (examples) are English, so only the German build lacks them.
    expect(en.diagnostics).toEqual([]);
    expect(en.declaration.purposes![0]!.description).toBe('provide the service');
    expect(de.declaration.purposes![0]!.description).toBe('den Dienst zu erbringen');
    expect(de.declaration.data[0]!.retention).toEqual({ period: '6 months', after: 'der Schließung des Kontos' });
  });

  it('reports a missing translation at its line and column, as an error', () => {
    const { source, declaration } = declarationOf(bilingual);
    const { diagnostics, fallbacks } = localize(declaration, source, { locale: 'de', mark });
    expect(diagnostics.map((d) => [d.code, d.severity, d.pointer, d.line, d.column])).toEqual([
      ['missing-translation', 'error', '/data/0/examples/0', 11, 16],
      ['missing-translation', 'error', '/data/0/examples/1', 11, 22],
    ]);
    expect(diagnostics[0]!.message).toContain('German (de)');
    expect(diagnostics[0]!.hint).toContain('--allow-fallback');
    expect(fallbacks).toEqual([]);
  });

  it('with allowFallback, warns, shows the other language marked, and lists the fallbacks', () => {
    const { source, declaration } = declarationOf(bilingual);
    const result = localize(declaration, source, { locale: 'de', allowFallback: true, mark });
    expect(result.diagnostics.map((d) => d.severity)).toEqual(['warning', 'warning']);
    expect(result.declaration.data[0]!.examples).toEqual(['name [en]', 'e-mail address [en]']);
    expect(result.fallbacks).toEqual(['/data/0/examples/0', '/data/0/examples/1']);
  });

  it("treats plain strings as the declaration's own language", () => {
    const german = `${minimal.replace('policygen: 1', 'policygen: 1\nlanguage: de')}`;
    const { source, declaration } = declarationOf(german);
    expect(localize(declaration, source, { locale: 'de', mark }).diagnostics).toEqual([]);
    // The one-text duration names its event in German's place, so an English build lacks it too.
    const en = localize(declaration, source, { locale: 'en', mark });
    expect(en.diagnostics.map((d) => d.pointer)).toEqual([
      '/data/0/examples/0',
      '/data/0/examples/1',
      '/purposes/0/description',
      '/data/0/retention',
    ]);
  });

  it("asks for a one-text duration's event per language, showing the parts form", () => {
    const { source, declaration } = declarationOf(
      minimal
        .replace(
          '    description: provide the service',
          '    description: { en: provide the service, de: den Dienst zu erbringen }',
        )
        .replace('examples: [name, e-mail address]', 'examples: [{ en: name, de: Name }]'),
    );
    const { diagnostics } = localize(declaration, source, { locale: 'de', mark });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'missing-translation', pointer: '/data/0/retention', line: 13 });
    expect(diagnostics[0]!.message).toContain('the account is closed');
    expect(diagnostics[0]!.hint).toContain('period: "6 months"');
  });

  it("with allowFallback, marks a one-text duration's words as well", () => {
    const { source, declaration } = declarationOf(
      minimal
        .replace(
          '    description: provide the service',
          '    description: { en: provide the service, de: den Dienst zu erbringen }',
        )
        .replace('examples: [name, e-mail address]', 'examples: [{ en: name, de: Name }]'),
    );
    const result = localize(declaration, source, { locale: 'de', allowFallback: true, mark });
    expect(result.fallbacks).toEqual(['/data/0/retention']);
    expect(result.declaration.data[0]!.retention).toEqual({ period: 'P6M', after: 'the account is closed [en]' });
  });

  it('a map without the locale names the languages it has', () => {
    const { source, declaration } = declarationOf(
      minimal.replace('    description: provide the service', '    description: { fr: fournir le service }'),
    );
    const { diagnostics } = localize(declaration, source, { locale: 'en', mark });
    expect(diagnostics.find((d) => d.pointer === '/purposes/0/description')!.hint).toContain('beside "fr"');
  });
});

describe('the schema and the localizer agree', () => {
  /** Pointer patterns of every localized_* field and every duration in the schema. */
  function fromSchema(): { localized: string[]; durations: string[] } {
    const defs = (policySchema as { $defs: Record<string, Record<string, unknown>> }).$defs;
    const localized: string[] = [];
    const durations: string[] = [];
    const walk = (node: Record<string, unknown>, path: string, depth: number) => {
      if (depth > 12) return;
      const ref = node['$ref'] as string | undefined;
      if (ref?.startsWith('#/$defs/localized_')) return void localized.push(path);
      if (ref === '#/$defs/duration') {
        durations.push(path);
        for (const part of ['after', 'while', 'until']) localized.push(`${path}/${part}`);
        return;
      }
      const target = ref ? defs[ref.replace('#/$defs/', '')]! : node;
      for (const [key, child] of Object.entries(
        (target['properties'] as Record<string, Record<string, unknown>>) ?? {},
      ))
        walk(child, `${path}/${key}`, depth + 1);
      if (target['items']) walk(target['items'] as Record<string, unknown>, `${path}/*`, depth + 1);
      const values = target['additionalProperties'];
      if (values && typeof values === 'object') walk(values as Record<string, unknown>, `${path}/~`, depth + 1);
    };
    walk(policySchema, '', 0);
    return { localized, durations };
  }

  it('LOCALIZED_FIELDS lists exactly the fields the schema lets be given per language', () => {
    expect([...LOCALIZED_FIELDS].sort()).toEqual(fromSchema().localized.sort());
  });

  it('DURATION_FIELDS lists exactly the durations in the schema', () => {
    expect([...DURATION_FIELDS].sort()).toEqual(fromSchema().durations.sort());
  });
});

describe('compile in a locale', () => {
  it('refuses a locale policygen does not have', () => {
    expect(() => compile({ file: 'p.yaml', text: minimal }, { locale: 'xx' })).toThrow(/no locale "xx"/);
  });

  it('stops at a missing translation, before rendering anything', () => {
    const result = compile({ file: 'p.yaml', text: bilingual }, { locale: 'de' });
    expect(result.outputs).toEqual([]);
    expect(result.diagnostics.every((d) => d.code === 'missing-translation')).toBe(true);
  });

  it('states a parts-form duration as English states the one-text form', () => {
    const one = compile({ file: 'p.yaml', text: minimal }, { formats: ['md'] }).outputs[0]!.content;
    const parts = compile(
      {
        file: 'p.yaml',
        text: bilingual.replace(
          'description:\n      en: provide the service\n      de: den Dienst zu erbringen',
          'description: provide the service',
        ),
      },
      { formats: ['md'] },
    ).outputs[0]!.content;
    const strip = (md: string) => md.replace(/\*\*Version:\*\* \w+/, '');
    expect(strip(parts)).toBe(strip(one));
  });
});

describe('policygen build in several locales (real bin)', () => {
  const workspace = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-locales-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  };

  it('writes one policy per locale, named with it, each linking the others', async () => {
    const out = mkdtempSync(join(tmpdir(), 'policygen-out-'));
    const result = await run(['build', 'examples/minimal.yaml', '--locale', 'en', '--locale', 'de', '--out-dir', out]);
    expect(result.stderr).toBe('0 errors, 0 warnings, 6 files written\n');
    expect(readdirSync(out).sort()).toEqual([
      'minimal.de.html',
      'minimal.de.json',
      'minimal.de.md',
      'minimal.en.html',
      'minimal.en.json',
      'minimal.en.md',
    ]);
    const html = readFileSync(join(out, 'minimal.de.html'), 'utf8');
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<link rel="alternate" hreflang="en" href="minimal.en.html">');
    expect(html).toContain('<link rel="alternate" hreflang="de" href="minimal.de.html">');
    expect(html).toContain('<link rel="alternate" hreflang="x-default" href="minimal.en.html">');
    expect(html).toMatch(
      /<nav class="policygen-languages" aria-label="[^"]+">\s*<ul>\s*<li><a href="minimal.en.html" hreflang="en" lang="en">English<\/a><\/li>/,
    );
    expect(JSON.parse(readFileSync(join(out, 'minimal.de.json'), 'utf8')).locale).toBe('de');
    // English built among others reads as English built alone, apart from the language links.
    const alone = mkdtempSync(join(tmpdir(), 'policygen-out-'));
    await run(['build', 'examples/minimal.yaml', '--out-dir', alone]);
    expect(readFileSync(join(out, 'minimal.en.md'), 'utf8')).toBe(readFileSync(join(alone, 'minimal.md'), 'utf8'));
  });

  it('names a locale it does not have, with a suggestion', async () => {
    const result = await run(['build', 'examples/minimal.yaml', '--locale', 'pt-br', '--out-dir', '/tmp/never']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('did you mean "pt-BR"?');
  });

  it('fails on a missing translation, and with --allow-fallback marks it and warns', async () => {
    const dir = workspace({ 'p.yaml': bilingual });
    const failed = await run(['build', 'p.yaml', '--locale', 'de', '--out-dir', 'out'], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('p.yaml:11:16');
    expect(failed.stderr).toContain('missing-translation');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const allowed = await run(['build', 'p.yaml', '--locale', 'de', '--allow-fallback', '--out-dir', 'out'], {
      cwd: dir,
    });
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('0 errors, 2 warnings');
    const md = readFileSync(join(dir, 'out/p.de.md'), 'utf8');
    expect(md).toContain('den Dienst zu erbringen');
    expect(md).toMatch(/name \([^)]*Englisch[^)]*\)/);
    expect(JSON.parse(readFileSync(join(dir, 'out/p.de.json'), 'utf8')).fallbacks).toEqual([
      '/data/0/examples/0',
      '/data/0/examples/1',
    ]);
  });

  it('reads locales from the config, with {locale} in an output path', async () => {
    const dir = workspace({
      'policy.yaml': readFileSync(join(root, 'examples/minimal.yaml'), 'utf8'),
      'policygen.config.yaml':
        'defaults:\n  locales: [en, fr]\n  formats: [html]\npolicies:\n  - input: policy.yaml\n    output: site/{locale}/privacy\n',
    });
    const result = await run(['build'], { cwd: dir });
    expect(result.stderr).toBe('0 errors, 0 warnings, 2 files written\n');
    const fr = readFileSync(join(dir, 'site/fr/privacy.html'), 'utf8');
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('<link rel="alternate" hreflang="en" href="../en/privacy.html">');
  });

  it('reports an unknown locale in the config at its position', async () => {
    const dir = workspace({
      'policy.yaml': minimal,
      'policygen.config.yaml':
        'defaults:\n  locales: [en, dee]\npolicies:\n  - input: policy.yaml\n    output: out/privacy\n',
    });
    const result = await run(['build'], { cwd: dir });
    expect(result.code).toBe(2); // a configuration error, like every mistake in the config
    expect(result.stderr).toContain('policygen.config.yaml:2:17');
    expect(result.stderr).toContain('Did you mean "de"?');
  });

  it('lets a lawyer reword one clause in one language: <templates>/<locale>/', async () => {
    const dir = workspace({
      'policy.yaml': readFileSync(join(root, 'examples/minimal.yaml'), 'utf8'),
      'wording/de/security.md.hbs': '## Sicherheit\n\nUnser eigener Wortlaut zur Sicherheit.\n',
    });
    const result = await run(
      ['build', 'policy.yaml', '--locale', 'de', '--locale', 'en', '--templates', 'wording', '--out-dir', 'out'],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'out/policy.de.md'), 'utf8')).toContain('Unser eigener Wortlaut zur Sicherheit.');
    expect(readFileSync(join(dir, 'out/policy.en.md'), 'utf8')).not.toContain('Unser eigener Wortlaut');
  });
});

describe('per-language text is data, in every language', () => {
  it('a hostile translation cannot make markup, a link or a heading', () => {
    const payload = '<script>alert(1)</script> [x](javascript:alert(1)) https://evil.example';
    const text = bilingual
      .replace('      de: den Dienst zu erbringen', `      de: ${JSON.stringify(`# Überschrift ${payload}`)}`)
      .replace(
        'examples: [name, e-mail address]',
        `examples: [{ en: name, de: ${JSON.stringify(`**fett** ${payload}`)} }]`,
      );
    const result = compile({ file: 'p.yaml', text }, { locale: 'de', formats: ['md', 'html'] });
    expect(result.diagnostics).toEqual([]);
    const html = result.outputs.find((o) => o.format === 'html')!.content;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toContain('href="https://evil.example');
    expect(html).not.toContain('<strong>fett</strong>');
    expect(html).not.toMatch(/<h\d[^>]*>Überschrift/);
    expect(html).toContain('&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;');
    const md = result.outputs.find((o) => o.format === 'md')!.content;
    expect(md).toContain('\\*\\*fett\\*\\*');
  });
});
