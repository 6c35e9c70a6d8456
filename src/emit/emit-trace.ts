import type { SectionInfo } from '../assemble/assemble.js';
import { locate, type Source } from '../load/read-yaml.js';
import type { Statement, StatementKind } from '../provenance/statements.js';
import { segments } from '../render/sources.js';
import { htmlText } from './values.js';

/**
 * The review page of `policygen build --trace`: every statement of the policy beside the lines
 * of the declaration it comes from, marked by kind, so that a reviewer sees at a glance what
 * is the organisation's declared fact, what a law requires and what is explanation. Written in
 * English (it is for the people who review the policy, whatever its language); every value is
 * escaped text, and the page runs no script.
 */
export interface TraceOptions {
  /** The declaration's file as the user named it (never an absolute path the user did not give). */
  file: string;
  title: string;
  /** The policy's language, for the statements' `lang`. */
  lang: string;
}

const KINDS: Record<StatementKind, { label: string; meaning: string }> = {
  fact: { label: 'Fact', meaning: 'states what the declaration declares' },
  required: { label: 'Required', meaning: 'text a declared law requires, conditioned on declared facts' },
  explanation: { label: 'Explanation', meaning: 'a heading or neutral help; commits to nothing' },
};

/** How many lines of YAML a source shows at most (a long list shows its first lines). */
const MAX_LINES = 4;

export function emitTrace(statements: readonly Statement[], outline: readonly SectionInfo[], source: Source, options: TraceOptions): string {
  const lines = source.text.split(/\r?\n/);
  const places = new Map<string, string>();
  const place = (pointer: string): string => {
    let html = places.get(pointer);
    if (html === undefined) {
      const path = segments(pointer);
      const range = locate(source, path, { key: typeof path[path.length - 1] === 'string' });
      const last = Math.min(range.endLine, range.line + MAX_LINES - 1);
      const shown = lines.slice(range.line - 1, last).join('\n');
      const more = range.endLine > last ? `\n… ${range.endLine - last} more line${range.endLine - last === 1 ? '' : 's'}` : '';
      html = `<li><span class="at">${htmlText(`${options.file}:${range.line}`)}</span> <code class="pointer">${htmlText(pointer)}</code><pre>${htmlText(shown + more)}</pre></li>`;
      places.set(pointer, html);
    }
    return html;
  };
  const counts = { fact: 0, required: 0, explanation: 0 };
  for (const statement of statements) counts[statement.kind]++;
  const titles = new Map(outline.map((section) => [section.id, section.title]));

  const body: string[] = [];
  let section: string | undefined;
  for (const statement of statements) {
    if (statement.section !== section) {
      if (section !== undefined) body.push('</tbody></table></section>');
      section = statement.section;
      const title = titles.get(section) ?? section;
      body.push(`<section aria-labelledby="s-${htmlText(section)}"><h2 id="s-${htmlText(section)}"><span lang="${htmlText(options.lang)}">${htmlText(title)}</span> <code>${htmlText(section)}</code></h2>`);
      body.push('<table><thead><tr><th scope="col">Statement</th><th scope="col">Kind</th><th scope="col">Comes from</th></tr></thead><tbody>');
    }
    const citations = statement.citations.length ? `<p class="cites">${statement.citations.map(htmlText).join('; ')}</p>` : '';
    const sources = statement.sources.length ? `<ul>${statement.sources.map(place).join('')}</ul>` : '<p class="none">nothing in the declaration</p>';
    const shown = statement.sources.length > MAX_LINES ? `<details><summary>${statement.sources.length} places</summary>${sources}</details>` : sources;
    body.push(
      `<tr class="${statement.kind}"><td lang="${htmlText(options.lang)}">${htmlText(statement.text)}</td><td><span class="kind">${KINDS[statement.kind].label}</span>${citations}</td><td>${shown}</td></tr>`,
    );
  }
  if (section !== undefined) body.push('</tbody></table></section>');

  const legend = (Object.keys(KINDS) as StatementKind[])
    .map((kind) => `<li class="${kind}"><span class="kind">${KINDS[kind].label}</span> ${counts[kind]}: ${KINDS[kind].meaning}</li>`)
    .join('');
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
<h1>Review: <span lang="${htmlText(options.lang)}">${htmlText(options.title)}</span></h1>
<p>Each statement of the policy, in order, beside the lines of <code>${htmlText(options.file)}</code> it comes from: the values it prints and the facts that chose it. A fact and a required statement always come from somewhere; a statement that comes from nothing is explanation.</p>
<ul class="legend">${legend}</ul>
${body.join('\n')}
</main>
</body>
</html>
`;
}

const STYLE = [
  ':root{color-scheme:light dark;--fact:#1d6fb8;--required:#8a4baf;--explanation:#6b7280;--rule:#d0d7de}',
  'body{font:15px/1.5 system-ui,sans-serif;margin:0}main{max-width:78rem;margin:0 auto;padding:1rem 1.5rem}',
  'table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{border-bottom:1px solid var(--rule);padding:.4rem .6rem;vertical-align:top;text-align:left}',
  'td:first-child{width:45%}tr{border-left:6px solid var(--c)}tr.fact,li.fact{--c:var(--fact)}tr.required,li.required{--c:var(--required)}tr.explanation,li.explanation{--c:var(--explanation)}',
  '.kind{display:inline-block;border:1px solid var(--c);color:var(--c);border-radius:3px;padding:0 .35rem;font-size:.85em;font-weight:600}',
  'ul{margin:0;padding:0;list-style:none}td li{margin-bottom:.4rem}pre{margin:.2rem 0 0;padding:.3rem .5rem;background:color-mix(in srgb,var(--rule) 30%,transparent);overflow-x:auto;font-size:.85em}',
  '.at{font-family:ui-monospace,monospace;font-size:.85em}.pointer{font-size:.8em;opacity:.75}.cites{margin:.3rem 0 0;font-size:.85em}.none{margin:0;opacity:.7}',
  '.legend{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:1rem 0 2rem}.legend li{border-left:6px solid var(--c);padding-left:.5rem}h2 code{font-size:.6em;opacity:.7}',
].join('');
