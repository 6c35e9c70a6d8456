import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/assemble/parse-markdown.js';
import { main } from '../src/cli/main.js';
import { root } from './helpers.js';

/**
 * The hostile corpus: one broken or malicious declaration per file in test/hostile/. The first
 * line of each file states what policygen must do with it:
 *
 *   # expect: exit=1 code=<diagnostic code> at=<line>:<column> [hint=<word>]
 *   # expect: exit=0 inert [json=<dotted.path>:<value>]
 *
 * A case policygen currently gets wrong keeps its correct expectation and carries
 * `# known-bug: <why>` on its second line; only those cases are expected to fail.
 */

const corpusDir = join(root, 'test/hostile');

interface Expectation {
  exit: number;
  code?: string;
  line?: number;
  column?: number;
  hint?: string;
  inert: boolean;
  json?: { path: string[]; value: string };
  knownBug?: string;
}

interface Case {
  file: string;
  expectation: Expectation;
}

interface JsonDiagnostic {
  code: string;
  severity: string;
  line?: number;
  column?: number;
  hint?: string;
  message: string;
}

/** The file's first two lines, whatever its encoding (UTF-16 and invalid UTF-8 included). */
function headerLines(bytes: Buffer): string[] {
  const text =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? new TextDecoder('utf-16le').decode(bytes.subarray(2))
      : new TextDecoder('utf-8').decode(bytes);
  return text
    .replace(/^\uFEFF/, '')
    .split('\n', 2)
    .map((line) => line.replace(/\r$/, ''));
}

function parseExpectation(file: string, bytes: Buffer): Expectation {
  const [first = '', second = ''] = headerLines(bytes);
  const match = /^# expect: (.*)$/.exec(first);
  if (!match) throw new Error(`${file}: the first line must be "# expect: …"`);
  const expectation: Expectation = { exit: -1, inert: false };
  for (const token of match[1]!.trim().split(/\s+/)) {
    const [key, value = ''] = token.split(/=(.*)/s) as [string, string?];
    if (key === 'exit') expectation.exit = Number(value);
    else if (key === 'code') expectation.code = value;
    else if (key === 'at') {
      const [line, column] = value.split(':').map(Number);
      expectation.line = line;
      expectation.column = column;
    } else if (key === 'hint') expectation.hint = value;
    else if (key === 'inert') expectation.inert = true;
    else if (key === 'json') {
      const [path = '', expected = ''] = value.split(/:(.*)/s);
      expectation.json = { path: path.split('.'), value: expected };
    } else throw new Error(`${file}: unknown expectation "${token}"`);
  }
  if (![0, 1, 2].includes(expectation.exit)) throw new Error(`${file}: no exit status`);
  if (expectation.exit === 1 && (!expectation.code || !expectation.line || !expectation.column))
    throw new Error(`${file}: exit=1 needs code= and at=`);
  const bug = /^# known-bug: (.+)$/.exec(second);
  if (bug) expectation.knownBug = bug[1];
  return expectation;
}

const cases: Case[] = readdirSync(corpusDir)
  .filter((name) => /^\d{3}-[a-z0-9-]+\.yaml$/.test(name))
  .sort()
  .map((file) => ({ file, expectation: parseExpectation(file, readFileSync(join(corpusDir, file))) }));

/** Every file and directory under `dir`, relative to it, sorted. */
function listTree(dir: string): string[] {
  const entries: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      entries.push(relative(dir, path));
      if (statSync(path).isDirectory()) walk(path);
    }
  };
  walk(dir);
  return entries.sort();
}

async function build(file: string): Promise<{ code: number; stdout: string; stderr: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'policygen-hostile-'));
  copyFileSync(join(corpusDir, file), join(dir, file));
  let stdout = '';
  let stderr = '';
  const code = await main(['build', file, '-o', 'out', '--reporter', 'json'], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: dir,
    env: { NO_COLOR: '1' },
    isTTY: false,
  });
  return { code, stdout, stderr, dir };
}

const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'iframe',
  'img',
  'svg',
  'object',
  'embed',
  'form',
  'input',
  'base',
  'frame',
  'frameset',
  'math',
  'marquee',
  'link',
]);
const SAFE_URL = /^(https:|http:|mailto:|#)/i;

/** Elements, event-handler attributes and link targets in the HTML that a value could have created. */
function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  let styles = 0;
  for (const tag of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const name = tag[1]!.toLowerCase();
    if (FORBIDDEN_ELEMENTS.has(name)) problems.push(`<${name}> element: ${tag[0]}`);
    if (name === 'style' && ++styles > 1) problems.push(`a second <style> element: ${tag[0]}`);
    for (const attribute of tag[2]!.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g)) {
      const attr = attribute[1]!.toLowerCase();
      const value = (attribute[2] ?? '').replace(/^["']|["']$/g, '').trim();
      if (attr.startsWith('on')) problems.push(`event handler ${attr} in ${tag[0]}`);
      if (
        ['href', 'src', 'action', 'formaction', 'srcdoc', 'xlink:href', 'data', 'background', 'poster'].includes(
          attr,
        ) &&
        !SAFE_URL.test(value)
      ) {
        problems.push(`${attr}="${value}" in ${tag[0]}`);
      }
    }
  }
  return problems;
}

interface MdNode {
  type: string;
  url?: string;
  depth?: number;
  value?: string;
  children?: MdNode[];
}

function textOf(node: MdNode): string {
  return (node.value ?? '') + (node.children ?? []).map(textOf).join('');
}

/** HTML, images and links with dangerous or payload targets in the re-parsed Markdown. */
function markdownProblems(markdown: string): { problems: string[]; headings: string[] } {
  const problems: string[] = [];
  const headings: string[] = [];
  const walk = (node: MdNode) => {
    if (node.type === 'html') problems.push(`html node: ${node.value}`);
    if (node.type === 'image' || node.type === 'imageReference')
      problems.push(`${node.type} node: ${node.url ?? textOf(node)}`);
    // An in-page link (#…) may be named after a heading's text; it cannot lead anywhere else.
    if (node.type === 'link' && !(node.url ?? '').startsWith('#') && /javascript|data:|evil/i.test(node.url ?? ''))
      problems.push(`link to ${node.url}`);
    // A reference definition is not rendered, but it must not carry a dangerous scheme either.
    if (node.type === 'definition' && /javascript|vbscript|data:/i.test(node.url ?? ''))
      problems.push(`definition of ${node.url}`);
    if (node.type === 'heading' && (node.depth ?? 9) <= 2) headings.push(textOf(node).replace(/\u2060/g, ''));
    if (node.type === 'table') {
      const widths = new Set((node.children ?? []).map((row) => row.children?.length ?? 0));
      if (widths.size > 1) problems.push(`a table with rows of ${[...widths].join(' and ')} cells`);
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(parseMarkdown(markdown) as MdNode);
  return { problems, headings };
}

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path)
    current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
  return current;
}

const corpusBefore = listTree(corpusDir);
const workspaces: string[] = [];

describe('hostile corpus (test/hostile/)', () => {
  afterAll(() => {
    // HOSTILE_KEEP=1 keeps each case's workspace (its copy and outputs) for inspection.
    if (process.env['HOSTILE_KEEP']) console.log(`hostile workspaces kept:\n${workspaces.join('\n')}`);
    else for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
  });

  it('has at least 60 cases, each with an expectation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(readdirSync(corpusDir).filter((name) => name.endsWith('.yaml')).length).toBe(cases.length);
  });

  for (const { file, expectation } of cases) {
    const title = `${file}: ${expectation.exit === 0 ? 'builds, payload inert' : `exit ${expectation.exit}, ${expectation.code} at ${expectation.line}:${expectation.column}`}`;
    // Known bugs are expected to fail (it.fails turns red once one is fixed: then drop the
    // marker). HOSTILE_KNOWN_BUGS=show runs them as ordinary tests to print how they fail.
    const test = expectation.knownBug && process.env['HOSTILE_KNOWN_BUGS'] !== 'show' ? it.fails : it;
    test(expectation.knownBug ? `${title} (known bug: ${expectation.knownBug})` : title, async () => {
      const { code, stdout, stderr, dir } = await build(file);
      workspaces.push(dir);
      const stem = file.replace(/\.yaml$/, '');
      const diagnostics = (stdout.trim() ? JSON.parse(stdout) : []) as JsonDiagnostic[];
      expect({ code, stderr: code === 2 ? stderr : '' }).toEqual({ code: expectation.exit, stderr: '' });

      // Nothing is left behind: no stray file, no temporary file, no lock.
      const tree = listTree(dir);
      expect(tree.filter((entry) => /\.tmp$|\.policygen\.lock$|\.lock$/.test(entry))).toEqual([]);
      if (expectation.exit === 0) {
        expect(tree).toEqual([file, 'out', `out/${stem}.html`, `out/${stem}.json`, `out/${stem}.md`]);
      } else {
        expect(tree).toEqual([file]);
      }

      if (expectation.exit === 1) {
        expect(diagnostics).toContainEqual(
          expect.objectContaining({
            code: expectation.code,
            severity: 'error',
            line: expectation.line,
            column: expectation.column,
          }),
        );
        if (expectation.hint) {
          const found = diagnostics.find(
            (d) => d.code === expectation.code && d.line === expectation.line && d.column === expectation.column,
          );
          expect(found?.hint ?? '').toContain(expectation.hint);
        }
      }

      if (expectation.exit === 0) {
        expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const read = (ext: string) => readFileSync(join(dir, 'out', `${stem}.${ext}`), 'utf8');
        const json = JSON.parse(read('json')) as { sections: { id: string; title: string }[] };
        if (expectation.json) expect(at(json, expectation.json.path)).toBe(expectation.json.value);
        if (expectation.inert) {
          const html = read('html');
          expect(htmlProblems(html)).toEqual([]);
          const { problems, headings } = markdownProblems(read('md'));
          expect(problems).toEqual([]);
          // No value opened a fence, a heading or a table that swallowed or split the policy.
          expect(headings).toEqual(json.sections.map((s) => s.title));
          for (const section of json.sections) expect(html).toContain(`id="${section.id}"`);
        }
      }
    });
  }

  it('left nothing behind in test/hostile/', () => {
    expect(listTree(corpusDir)).toEqual(corpusBefore);
  });
});
