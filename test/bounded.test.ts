import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { didYouMean } from '../src/diagnostics/suggest.js';
import { minimal, run } from './helpers.js';

/** Nothing policygen reads costs more than its size allows (issue 14). */
describe('bounded cost', () => {
  it('refuses what is not a regular file before opening it: a FIFO with no writer, a device', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-bounded-'));
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    const started = Date.now();
    const fifo = await run(['build', 'fifo.yaml', '-o', 'out'], { cwd: dir });
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toContain('not a regular file');
    const device = await run(['build', '/dev/zero', '-o', 'out'], { cwd: dir });
    expect(device.code).toBe(2);
    expect(device.stderr).toContain('not a regular file');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses a file over the limit without reading it whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-bounded-'));
    writeFileSync(join(dir, 'big.yaml'), Buffer.alloc(64 * 1024 * 1024, 0x61));
    const result = await run(['build', 'big.yaml', '-o', 'out', '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('"too-large"');
  });

  it('reports unknown keys in time linear in their number: 16,000 cost at most 20 times 1,000', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `unknown_key_${i}: ${i}\n`).join('');
    const time = (n: number) => {
      const text = minimal + keys(n);
      const start = performance.now();
      const result = compile({ file: 'policy.yaml', text }, { formats: [] });
      const ms = performance.now() - start;
      expect(result.diagnostics.filter((d) => d.code === 'unknown-key')).toHaveLength(n);
      return ms;
    };
    time(1_000); // warm up
    const small = Math.min(time(1_000), time(1_000));
    const large = time(16_000);
    // Before (issue 14): the yaml library's duplicate check, a search per located key and an
    // edit-distance matrix per suggestion made 16,000 keys cost 29 times 1,000.
    expect(large / small).toBeLessThan(20);
  });

  it('refuses a declaration with more than 20,000 links at once, instead of minutes and gigabytes', () => {
    // 300 categories linked to 300 purposes and 300 recipients: 1 MB of YAML that used to take
    // 19 s and 1.4 GB to build 45 MB of JSON.
    const dense = (n: number) => {
      const ids = Array.from({ length: n }, (_, i) => `d${i}`).join(', ');
      let text = minimal.replace(/data:\n[\s\S]*?recipients: \[\]\n/, '');
      text +=
        'data:\n' +
        Array.from(
          { length: n },
          (_, i) => `  - id: d${i}\n    kind: usage-data\n    sources: [user]\n    retention: 1 year\n`,
        ).join('');
      text +=
        'purposes:\n' +
        Array.from(
          { length: n },
          (_, j) => `  - id: p${j}\n    description: purpose ${j}\n    data: [${ids}]\n    legal_basis: contract\n`,
        ).join('');
      text +=
        'recipients:\n' +
        Array.from(
          { length: n },
          (_, j) => `  - id: r${j}\n    kind: service-provider\n    description: recipient ${j}\n    data: [${ids}]\n`,
        ).join('');
      return text;
    };
    const start = performance.now();
    const result = compile({ file: 'policy.yaml', text: dense(300) }, { formats: ['md', 'html', 'json'] });
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(result.outputs).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.pointer])).toEqual([['too-many-links', '/purposes/66/data']]);
    // A policy far larger than real ones (40 categories, 40 purposes, 40 recipients) still builds.
    expect(
      compile({ file: 'policy.yaml', text: dense(40) }, { formats: ['md'] }).diagnostics.filter(
        (d) => d.code === 'too-many-links',
      ),
    ).toEqual([]);
  });

  it('still finds each duplicate key, with the line of the first, in one pass', () => {
    const text = minimal.replace('  name: Example\n', '  name: Example\n  name: Again\n') + 'effective: 2024-07-16\n';
    const found = compile({ file: 'policy.yaml', text }, { formats: [] }).diagnostics.filter(
      (d) => d.code === 'duplicate-key',
    );
    expect(found.map((d) => [d.line, d.message])).toEqual([
      [4, 'This key already appears on line 3 of the same mapping; keep one.'],
      [21, 'This key already appears on line 7 of the same mapping; keep one.'],
    ]);
  });

  it('suggests nothing for a long value, in time that does not grow with its length', () => {
    const candidates = ['contact-details', 'usage-data', 'device-identifiers', 'online-identifiers'];
    const time = (input: string) => {
      const start = performance.now();
      for (let i = 0; i < 20; i++) didYouMean(input, candidates);
      return performance.now() - start;
    };
    expect(didYouMean('contact-detials', candidates)).toBe('contact-details');
    expect(didYouMean('x'.repeat(50_000), candidates)).toBeUndefined();
    time('warm up');
    expect(time('y'.repeat(200_000))).toBeLessThan(Math.max(50, time('contact-detials') * 50));
    // The same through a build: a 50 KB vocabulary value is an error at once, not after seconds.
    const text = minimal.replace('kind: contact-details', `kind: ${'z'.repeat(50_000)}`);
    const started = performance.now();
    const result = compile({ file: 'p.yaml', text }, { formats: [] });
    expect(result.diagnostics.map((d) => d.code)).toContain('unknown-value');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('bounded length', () => {
  /** The multinational example with `n` more usage categories, each used and disclosed as its first one is. */
  const longer = (n: number): string => {
    const base = parse(readFileSync('examples/multinational.yaml', 'utf8')) as {
      data: { id: string; kind: string; label?: string; examples?: unknown }[];
      purposes: { data: string[] }[];
      recipients: { data?: string[] }[];
    };
    const first = base.data.find((d) => d.kind === 'usage-data')!;
    const more = Array.from({ length: n }, (_, i) => ({
      ...structuredClone(first),
      id: `more-${i}`,
      label: `usage record ${i} of the screens opened, the buttons pressed and the time spent`,
      examples: [`event ${i}`],
    }));
    base.data.push(...more);
    for (const list of [...base.purposes.map((p) => p.data), ...base.recipients.map((r) => r.data)]) {
      if (list?.includes(first.id)) list.push(...more.map((d) => d.id));
    }
    return stringify(base);
  };
  /** Builds a declaration in a fresh process, as the CLI would: its time, peak memory and error codes. */
  const measure = (text: string): { ms: number; rss: number; codes: string[] } => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-length-'));
    writeFileSync(join(dir, 'policy.yaml'), text);
    const script = `import { compile } from ${JSON.stringify(resolve('dist/index.js'))};
      import { readFileSync } from 'node:fs';
      const text = readFileSync(process.argv[1], 'utf8');
      const start = performance.now();
      const r = compile({ file: 'policy.yaml', text });
      const ms = performance.now() - start;
      console.log(JSON.stringify({ ms, rss: process.resourceUsage().maxRSS, codes: r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code + ' ' + d.pointer) }));`;
    return JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script, join(dir, 'policy.yaml')], {
        encoding: 'utf8',
      }),
    ) as { ms: number; rss: number; codes: string[] };
  };

  it('refuses a policy longer than 1,000,000 characters before parsing it, so cost stops growing at the limit', () => {
    const under = measure(longer(590));
    const over = measure(longer(990));
    expect(under.codes).toEqual([]);
    expect(over.codes).toEqual(['policy-too-long /data']);
    // Without the limit, 990 more categories cost about 1.6 times as much as 590 (which make a
    // policy of about 930,000 characters); with it, the longer one stops after rendering, at less than the
    // shorter one's whole build. Since sections are parsed and written block by block (issue 16),
    // the shorter build itself takes about a third less memory (353 → 236–242 MB here), so the
    // longer one's 214–218 MB is now 0.89–0.91 of it, where it was 0.62: less, not far less.
    expect(over.ms / under.ms).toBeLessThan(1.2);
    expect(over.rss / under.rss).toBeLessThan(1);
  }, 60_000);

  it('points at the longest list, by line', () => {
    const text = longer(990);
    const result = compile({ file: 'policy.yaml', text }, { formats: [] });
    const error = result.diagnostics.find((d) => d.code === 'policy-too-long')!;
    expect(error).toMatchObject({ pointer: '/data', line: text.split('\n').indexOf('data:') + 1 });
    // The example's 6 categories and the 990 added.
    expect(error.message).toContain('996 entries');
  }, 30_000);
});

describe('bounded nesting', () => {
  it('refuses 500,000 nested "[" as too deep, at once, instead of exhausting the stack', () => {
    const text = `policygen: 1\ndata: ${'['.repeat(500_000)}\n`;
    const started = performance.now();
    const result = compile({ file: 'p.yaml', text }, { formats: [] });
    expect(result.diagnostics[0]).toMatchObject({ code: 'too-deep', line: 2 });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('counts no bracket inside quotes or comments', () => {
    const text = `${minimal}# ${'['.repeat(2000)}\ntitle: "${'{'.repeat(2000)}"\n`;
    expect(compile({ file: 'p.yaml', text }, { formats: [] }).diagnostics.filter((d) => d.code === 'too-deep')).toEqual(
      [],
    );
  });
});

describe('terminal output is data too', () => {
  it('shows control characters from the YAML and the file name escaped in the human reporter', async () => {
    const { stylish } = await import('../src/cli/report.js');
    const { Chalk } = await import('chalk');
    const text = 'policygen: 1\ntitle: "a"\u001b[2J\u0000 x\n';
    const out = stylish(
      [{ code: 'yaml-syntax', severity: 'error', message: 'bad', file: 'evil\nfile.yaml', line: 2, column: 1 }],
      { sources: new Map([['evil\nfile.yaml', text]]), chalk: new Chalk({ level: 0 }) },
    );
    expect(out).not.toMatch(/[\u0000\u001b]/);
    expect(out).toContain('\\u001b[2J\\u0000');
    expect(out).toContain('evil\\u000afile.yaml:2:1');
  });
});
