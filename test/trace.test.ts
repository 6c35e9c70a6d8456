import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import type { Statement } from '../src/provenance/statements.js';
import { cacheBody, minimal, run, sealed } from './helpers.js';

/** `policygen build --trace`: the review page beside the policy, from the real binary. */
describe('build --trace', () => {
  it('writes <name>.trace.html beside the other outputs, pointing at the declaration by its lines', async () => {
    const out = mkdtempSync(join(tmpdir(), 'policygen-trace-'));
    const result = await run(['build', 'examples/minimal.yaml', '-o', out, '--trace']);
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['minimal.html', 'minimal.json', 'minimal.md', 'minimal.trace.html']);
    const page = readFileSync(join(out, 'minimal.trace.html'), 'utf8');
    const yaml = readFileSync('examples/minimal.yaml', 'utf8').split('\n');
    // Every statement of the JSON is on the page, in order, with the lines it names.
    const statements = (JSON.parse(readFileSync(join(out, 'minimal.json'), 'utf8')) as { statements: Statement[] })
      .statements;
    expect(page.match(/<tr id="st-\d+" class="(fact|required|explanation)">/g)).toHaveLength(statements.length);
    const line =
      /examples\/minimal\.yaml:(\d+)<\/a> <code class="pointer">\/organization\/name<\/code><pre>(.*?)<\/pre>/.exec(
        page,
      );
    expect(line).not.toBeNull();
    // The line itself, with the value marked.
    expect(line![2]!.replace(/<\/?mark>/g, '')).toBe(yaml[Number(line![1]) - 1]);
    expect(line![2]).toMatch(/<mark>.+<\/mark>/);
    expect(page).not.toContain(out);
    expect(page).not.toContain(process.cwd());
  });

  it('adds the page to the formats asked for, and --format trace writes it alone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'policygen-trace-'));
    expect((await run(['build', 'examples/minimal.yaml', '-o', out, '-f', 'md', '--trace'])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['minimal.md', 'minimal.trace.html']);
    const alone = mkdtempSync(join(tmpdir(), 'policygen-trace-'));
    expect((await run(['build', 'examples/minimal.yaml', '-o', alone, '-f', 'trace'])).code).toBe(0);
    expect(readdirSync(alone)).toEqual(['minimal.trace.html']);
  });

  it('adds the page to a project config’s outputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-trace-config-'));
    writeFileSync(join(dir, 'policy.yaml'), minimal);
    writeFileSync(
      join(dir, 'policygen.config.yaml'),
      'policies:\n  - input: policy.yaml\n    output: site/privacy\n    formats: [md]\n',
    );
    const result = await run(['build', '--trace'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(readdirSync(join(dir, 'site')).sort()).toEqual(['privacy.md', 'privacy.trace.html']);
  });

  it('gives the same statements from the sentences build --cache kept, and ignores damaged ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-trace-cache-'));
    writeFileSync(join(dir, 'policy.yaml'), readFileSync('examples/multinational.yaml', 'utf8'));
    const build = async (out: string) => {
      expect((await run(['build', 'policy.yaml', '-o', out, '-f', 'json', '--cache'], { cwd: dir })).code).toBe(0);
      return readFileSync(join(dir, out, 'policy.json'), 'utf8');
    };
    const fresh = await build('a');
    const stored = JSON.parse(cacheBody(join(dir, '.policygen-cache', 'shapes.json'))) as {
      shapes: { units?: Record<string, unknown[]> }[];
    };
    expect(stored.shapes.some((shape) => shape.units)).toBe(true);
    // A second process takes the sentences back: the same statements.
    expect(await build('b')).toBe(fresh);
    // Units of the wrong form are not taken back: the statements are found again.
    for (const shape of stored.shapes)
      for (const units of Object.values(shape.units ?? {}))
        units.splice(0, units.length, { text: 'Forged', start: 0, end: 1, script: '<x>' });
    writeFileSync(join(dir, '.policygen-cache', 'shapes.json'), sealed(JSON.stringify(stored)));
    expect(await build('c')).toBe(fresh);
  });

  it('shows values as text: nothing a value holds becomes markup', () => {
    const hostile = '<b onmouseover="x()">Acme</b> [y](javascript:z) {{z}}';
    const text = minimal.replace('name: Example', `name: '${hostile}'`);
    const page = compile({ file: 'policy.yaml', text }, { formats: ['trace'] }).outputs[0]!.content;
    expect(page).not.toContain('<b ');
    expect(page).toContain(
      '&#x3C;b onmouseover=&#x22;x()&#x22;&#x3E;Acme&#x3C;/b&#x3E; [y](javascript:z) &#x7B;&#x7B;z&#x7D;&#x7D;',
    );
    // Its only links are to its own statements and lines.
    expect(page).not.toMatch(/<script|href="(?!#)/);
  });

  it('marks each statement with its kind, and cites the law a required one comes from', () => {
    const text = readFileSync('test/jurisdictions/us-ca.yaml', 'utf8');
    const page = compile({ file: 'us-ca.yaml', text }, { formats: ['trace'] }).outputs[0]!.content;
    expect(page).toMatch(
      /<tr id="st-\d+" class="required"><td class="n"><a href="#st-\d+">\d+<\/a><\/td><td lang="en">[^<]+<\/td><td><span class="kind">Required<\/span><p class="cites">CCPA/,
    );
    expect(page).toMatch(/<tr id="st-\d+" class="fact">/);
    expect(page).toMatch(/<tr id="st-\d+" class="explanation">/);
    // The index of lines points back at the statements that use each line.
    expect(page).toMatch(
      /<li id="line-\d+"><code>us-ca\.yaml:\d+<\/code> <code class="yaml">[^<]*<\/code>: <a href="#st-\d+">/,
    );
  });
});
