import type { SectionInfo } from '../assemble/assemble.js';
import { locate, type Source } from '../load/read-yaml.js';
import type { Statement, StatementKind } from '../provenance/statements.js';
import { pathOf as segments, valueAt } from '../diagnostics/diagnostic.js';
import { htmlText } from './values.js';
import type { RuleDecision } from '../rules/decisions.js';

/**
 * The review page of `policygen build --trace`: every statement of the policy beside the lines
 * of the declaration it comes from, marked by kind, so that a reviewer sees at a glance what
 * is the organisation's declared fact, what a law requires and what is explanation. It has a
 * table of contents, a filter by kind (CSS only: the page runs no script) and, at the end, an
 * index from each cited line of the YAML to the statements that use it, for reviewing a change.
 * Written in English (it is for the people who review the policy, whatever its language); every
 * value is escaped text.
 */
export interface TraceOptions {
  /** The declaration's file as the user named it (never an absolute path the user did not give). */
  file: string;
  title: string;
  /** The policy's language, for the statements' `lang` and for which translation to show. */
  lang: string;
  /** The declaration's decisions about rules, with their reasons. */
  decisions?: readonly RuleDecision[];
}

const KINDS: Record<StatementKind, { label: string; plural: string; meaning: string }> = {
  fact: { label: 'Fact', plural: 'Facts', meaning: 'states what the declaration declares' },
  required: { label: 'Required', plural: 'Required', meaning: 'text a declared law requires, chosen by the law alone' },
  explanation: {
    label: 'Explanation',
    plural: 'Explanations',
    meaning: 'a heading or neutral help; commits to nothing',
  },
};

/** How many lines of YAML a source shows at most (a long list shows its first lines). */
const MAX_LINES = 4;

interface Place {
  line: number;
  html: string;
}

export function emitTrace(
  statements: readonly Statement[],
  outline: readonly SectionInfo[],
  source: Source,
  options: TraceOptions,
): string {
  const lines = source.text.split(/\r?\n/);
  const places = new Map<string, Place>();
  const place = (pointer: string): Place => {
    let found = places.get(pointer);
    if (found === undefined) {
      const path = shown(segments(pointer), source.value, options.lang);
      const range = locate(source, path, {
        key: typeof path[path.length - 1] === 'string' && !isScalar(valueAt(source.value, path)),
      });
      const last = Math.min(range.endLine, range.line + MAX_LINES - 1);
      const text = lines.slice(range.line - 1, last);
      // One item of a list written on one line ([eea, uk, us-ca]): mark which.
      const marked =
        range.line === range.endLine && text.length === 1
          ? markColumns(text[0]!, range.column, range.endColumn)
          : htmlText(text.join('\n'));
      const more =
        range.endLine > last
          ? htmlText(`\n… ${range.endLine - last} more line${range.endLine - last === 1 ? '' : 's'}`)
          : '';
      found = {
        line: range.line,
        html: `<li><a class="at" href="#line-${range.line}">${htmlText(`${options.file}:${range.line}`)}</a> <code class="pointer">${htmlText(pointer)}</code><pre>${marked}${more}</pre></li>`,
      };
      places.set(pointer, found);
    }
    return found;
  };
  const counts = { fact: 0, required: 0, explanation: 0 };
  for (const statement of statements) counts[statement.kind]++;
  const titles = new Map(outline.map((section) => [section.id, section.title]));
  const lang = htmlText(options.lang);
  const used = new Map<number, number[]>();

  const body: string[] = [];
  let section: string | undefined;
  statements.forEach((statement, i) => {
    const n = i + 1;
    if (statement.section !== section) {
      if (section !== undefined) body.push('</tbody></table></section>');
      section = statement.section;
      const title = titles.get(section) ?? section;
      body.push(
        `<section aria-labelledby="s-${htmlText(section)}"><h2 id="s-${htmlText(section)}"><span lang="${lang}">${htmlText(title)}</span> <code>${htmlText(section)}</code></h2>`,
      );
      body.push(
        '<table><thead><tr><th scope="col">#</th><th scope="col">Statement</th><th scope="col">Kind</th><th scope="col">Comes from</th></tr></thead><tbody>',
      );
    }
    const found = statement.sources.map(place);
    for (const { line } of found) used.set(line, [...new Set([...(used.get(line) ?? []), n])]);
    const citations = statement.citations.length
      ? `<p class="cites">${statement.citations.map(htmlText).join('; ')}</p>`
      : '';
    const sources = found.length
      ? `<ul>${found.map((p) => p.html).join('')}</ul>`
      : '<p class="none">nothing in the declaration</p>';
    const listed =
      found.length > MAX_LINES ? `<details><summary>${found.length} places</summary>${sources}</details>` : sources;
    body.push(
      `<tr id="st-${n}" class="${statement.kind}"><td class="n"><a href="#st-${n}">${n}</a></td><td lang="${lang}">${htmlText(statement.text)}</td><td><span class="kind">${KINDS[statement.kind].label}</span>${citations}</td><td>${listed}</td></tr>`,
    );
  });
  if (section !== undefined) body.push('</tbody></table></section>');

  const contents = outline
    .map((s) => `<li><a href="#s-${htmlText(s.id)}" lang="${lang}">${htmlText(s.title)}</a></li>`)
    .join('');
  const filter = ['all', 'fact', 'required', 'explanation']
    .map((kind) => {
      const label =
        kind === 'all'
          ? `All (${statements.length})`
          : `${KINDS[kind as StatementKind].plural} (${counts[kind as StatementKind]})`;
      return `<label><input type="radio" name="kind" id="show-${kind}"${kind === 'all' ? ' checked' : ''}> ${label}</label>`;
    })
    .join(' ');
  const legend = (Object.keys(KINDS) as StatementKind[])
    .map((kind) => `<li class="${kind}"><span class="kind">${KINDS[kind].label}</span> ${KINDS[kind].meaning}</li>`)
    .join('');
  const index = [...used]
    .sort(([a], [b]) => a - b)
    .map(
      ([line, ns]) =>
        `<li id="line-${line}"><code>${htmlText(`${options.file}:${line}`)}</code> <code class="yaml">${htmlText((lines[line - 1] ?? '').trim())}</code>: ${ns.map((n) => `<a href="#st-${n}">${n}</a>`).join(', ')}</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="policygen">
<title>Review: ${htmlText(options.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Review: <span lang="${lang}">${htmlText(options.title)}</span></h1>
<p>${INTRO.replace('{file}', `<code>${htmlText(options.file)}</code>`)}</p>
<ul class="legend">${legend}</ul>
${decisionsHtml(options.decisions ?? [])}
<nav aria-label="Sections"><ol class="contents">${contents}</ol></nav>
<fieldset class="filter"><legend>Show</legend>${filter}</fieldset>
${body.join('\n')}
<section aria-labelledby="lines"><h2 id="lines">Index of lines</h2>
<ul class="index">
${index}
</ul></section>
</main>
</body>
</html>
`;
}

/** The rules the declaration switched off or changed, with the reasons it gives: part of what a reviewer signs. */
function decisionsHtml(decisions: readonly RuleDecision[]): string {
  if (decisions.length === 0) return '';
  const items = decisions
    .map(
      (d) =>
        `<li><code>${htmlText(d.rule)}</code>: ${htmlText(d.level)}${d.reason ? ` — ${htmlText(d.reason)}` : ' — <strong>no reason given</strong>'}</li>`,
    )
    .join('');
  return `<section aria-labelledby="decisions"><h2 id="decisions">Rules the declaration decides</h2><ul class="decisions">${items}</ul></section>`;
}

/** The node to show for a pointer: a text given per language shows the policy's language. */
function shown(path: (string | number)[], declared: unknown, lang: string): (string | number)[] {
  const value = valueAt(declared, path);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const texts =
      keys.length > 0 &&
      keys.every(
        (k) => /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(k) && typeof (value as Record<string, unknown>)[k] === 'string',
      );
    if (texts) {
      const pick = keys.includes(lang) ? lang : (keys.find((k) => k.split('-')[0] === lang.split('-')[0]) ?? keys[0]!);
      return [...path, pick];
    }
  }
  return path;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/** A line with the stretch [column, endColumn) marked, all escaped. */
function markColumns(line: string, column: number, endColumn: number): string {
  const from = Math.max(0, column - 1);
  const to = Math.max(from, Math.min(line.length, endColumn - 1));
  if (from === 0 && to >= line.trimEnd().length) return htmlText(line);
  return `${htmlText(line.slice(0, from))}<mark>${htmlText(line.slice(from, to))}</mark>${htmlText(line.slice(to))}`;
}

const INTRO = [
  'Each statement of the policy, in order, beside the lines of {file} it comes from: the values it prints and the facts that chose it.',
  'A fact and a required statement always come from somewhere; a statement that comes from nothing is explanation.',
  'The <a href="#lines">index of lines</a> at the end lists, for each line of the declaration, the statements that use it.',
].join(' ');

const STYLE = [
  ':root{color-scheme:light dark;--fact:#1d6fb8;--required:#8a4baf;--explanation:#6b7280;--rule:#d0d7de}',
  'body{font:15px/1.5 system-ui,sans-serif;margin:0}main{max-width:80rem;margin:0 auto;padding:1rem 1.5rem}',
  'table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{border-bottom:1px solid var(--rule);padding:.4rem .6rem;vertical-align:top;text-align:left}',
  'td.n{width:2.5rem;font-size:.85em}td.n a{color:inherit}td:nth-child(2){width:44%}',
  'tr{border-left:6px solid var(--c)}tr.fact,li.fact{--c:var(--fact)}tr.required,li.required{--c:var(--required)}tr.explanation,li.explanation{--c:var(--explanation)}',
  '.kind{display:inline-block;border:1px solid var(--c);color:var(--c);border-radius:3px;padding:0 .35rem;font-size:.85em;font-weight:600}',
  'ul{margin:0;padding:0;list-style:none}td li{margin-bottom:.4rem}pre{margin:.2rem 0 0;padding:.3rem .5rem;background:color-mix(in srgb,var(--rule) 30%,transparent);white-space:pre-wrap;overflow-wrap:anywhere;font-size:.85em}td{overflow-wrap:anywhere}',
  'mark{background:color-mix(in srgb,#f5c400 45%,transparent);color:inherit}',
  '.at{font-family:ui-monospace,monospace;font-size:.85em}.pointer{font-size:.8em;opacity:.75}.cites{margin:.3rem 0 0;font-size:.85em}.none{margin:0;opacity:.7}',
  '.legend{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:1rem 0}.legend li{border-left:6px solid var(--c);padding-left:.5rem}h2 code{font-size:.6em;opacity:.7}',
  '.contents{columns:3 14rem;margin:1rem 0}.filter{border:1px solid var(--rule);margin:0 0 1.5rem;position:sticky;top:0;background:Canvas;z-index:1}.filter label{margin-right:1rem}',
  'body:has(#show-fact:checked) tbody tr:not(.fact),body:has(#show-required:checked) tbody tr:not(.required),body:has(#show-explanation:checked) tbody tr:not(.explanation){display:none}',
  '.index li{margin:.2rem 0}.index .yaml{opacity:.75}:target{outline:2px solid var(--fact)}',
].join('');
