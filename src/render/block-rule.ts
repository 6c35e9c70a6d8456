/**
 * The block rule (docs/templates.md): a Handlebars block (`{{#if}}`, `{{#each}}`, `{{#with}}`,
 * `{{#unless}}`, `{{#law}}` …) either stays inside one line — it is then part of that line's
 * text — or it spans lines and chooses or repeats whole Markdown blocks: headings, paragraphs,
 * list items, table rows. Whatever its conditions, a template then has the same block
 * structure, so each block can be parsed on its own, once (issue 16).
 *
 * A block that spans lines must have each of its tags (`{{#if …}}`, `{{else}}`, `{{/if}}`) on a
 * line of its own, and every pair of lines it can bring together — the line before it and its
 * first line, its last line and the line after it, the lines around it when it prints nothing,
 * and its last and first lines when it repeats — must meet at a block boundary: one of them is
 * blank, a heading, or the template's start or end; or the second begins a list item; or both
 * are table rows. A line whose only text is inside one-line blocks may print nothing, which
 * would split the paragraph around it, so it must be a block of its own; and a one-line block at
 * the start of a line may not begin a heading, list item, quote or table row.
 */

type Program = hbs.AST.Program;
type Statement = hbs.AST.Statement;
type Block = hbs.AST.BlockStatement;
/** An `{{else if}}` is an inverse program holding one block, marked `chained` (not in the type declarations). */
type Inverse = (Program & { chained?: boolean }) | undefined;

export interface BlockRuleProblem {
  /** 1-based line and column of the tag or line at fault. */
  line: number;
  column: number;
  /** What is wrong, worded to follow "This template" (as a TemplateError's message is). */
  message: string;
}

/** A line's kind, as far as the block structure is concerned. */
const BLANK = /^\s*$/;
const HEADING = /^ {0,3}#{1,6}(?:\s|$)/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])\s+\S/;
const TABLE_ROW = /^\s*\|/;
const BLOCK_START = /^\s*(?:#{1,6}(?:\s|$)|[-*+]\s|\d{1,9}[.)]\s|>|\||```|~~~)/;

/** Whether two lines, one after the other, meet at a block boundary (`undefined`: start or end). */
function boundary(before: string | undefined, after: string | undefined): boolean {
  if (before === undefined || after === undefined) return true;
  if (BLANK.test(before) || BLANK.test(after)) return true;
  if (HEADING.test(before) || HEADING.test(after)) return true;
  if (LIST_ITEM.test(after)) return true;
  return TABLE_ROW.test(before) && TABLE_ROW.test(after);
}

interface Tag {
  line: number;
  column: number;
  start: number;
  end: number;
}

/** A block spanning lines: its tags' lines, in order (open, each else, close). */
interface Spanning {
  block: Block;
  name: string;
  tags: Tag[];
  repeats: boolean;
  /** A block that prints its content once, whatever the data (`{{#law}}`, `{{#explanation}}`). */
  always: boolean;
}

/** Blocks that only mark what they hold (its kind of statement) and always print it once. */
const ALWAYS_PRINTS = new Set(['explanation', 'law']);

/**
 * Finds where `source`, parsed as `program`, breaks the block rule. Positions are the
 * template's own (1-based), for the error a template author sees.
 */
export function blockRuleProblems(program: Program, source: string): BlockRuleProblem[] {
  const lines = source.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const at = (p: hbs.AST.Position) => starts[p.line - 1]! + p.column;
  const position = (index: number) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= index) line++;
    return { line: line + 1, column: index - starts[line]! + 1 };
  };
  const tag = (start: number, end: number): Tag => ({ ...position(start), start, end });
  const problems: BlockRuleProblem[] = [];
  const problem = (where: { line: number; column: number }, message: string) =>
    problems.push({ line: where.line, column: where.column, message });

  // Every block tag and comment, by line; the blocks that span lines.
  const tagsOnLine = new Map<number, Tag[]>();
  const note = (t: Tag) => tagsOnLine.set(t.line, [...(tagsOnLine.get(t.line) ?? []), t]);
  const spanning: Spanning[] = [];
  /** One-line blocks (not the ones that always print), with their open tags. */
  const inline: { block: Block; open: Tag }[] = [];
  const visit = (body: Statement[]) => {
    for (const statement of body) {
      if (statement.type === 'CommentStatement') note(tag(at(statement.loc.start), at(statement.loc.end)));
      if (statement.type !== 'BlockStatement') continue;
      const block = statement as Block;
      const tags = blockTags(block, source, at, tag);
      for (const t of tags) note(t);
      const name = (block.path as hbs.AST.PathExpression).original;
      const always = ALWAYS_PRINTS.has(name);
      if (tags[0]!.line !== tags.at(-1)!.line) spanning.push({ block, name, tags, repeats: name === 'each', always });
      else if (!always) inline.push({ block, open: tags[0]! });
      for (const branch of branches(block)) visit(branch.body);
    }
  };
  visit(program.body);

  // A line holding only tags and comments is a control line: Handlebars drops it when it holds one.
  const control = new Set<number>();
  for (const [line, tags] of tagsOnLine) {
    const text = lines[line - 1]!;
    let rest = text;
    for (const t of [...tags].sort((a, b) => b.start - a.start))
      rest = rest.slice(0, t.start - starts[line - 1]!) + rest.slice(t.end - starts[line - 1]!);
    if (!BLANK.test(rest)) continue;
    control.add(line);
    if (tags.length > 1)
      problem(tags[1]!, 'puts two block tags on one line, which keeps its line break: put each on a line of its own');
  }
  const content = (line: number) =>
    line >= 1 && line <= lines.length && !control.has(line) ? lines[line - 1] : undefined;
  // The lines printed just before and after a line: an `{{else}}` is not crossed into the other
  // branch, but leads to what is printed before the block's open tag or after its close tag.
  const otherBranch = new Map<number, { open: number; close: number }>();
  for (const { tags } of spanning)
    for (const t of tags.slice(1, -1)) otherBranch.set(t.line, { open: tags[0]!.line, close: tags.at(-1)!.line });
  const previous = (line: number) => {
    for (let l = line - 1; l >= 1; l--) {
      const branch = otherBranch.get(l);
      if (branch) l = branch.open;
      else if (!control.has(l)) return l;
    }
    return undefined;
  };
  const next = (line: number) => {
    for (let l = line + 1; l <= lines.length; l++) {
      const branch = otherBranch.get(l);
      if (branch) l = branch.close;
      else if (!control.has(l)) return l;
    }
    return undefined;
  };
  // The template's last line break ends its last block: an empty last line is no content.
  const text = (line: number | undefined) =>
    line === undefined || (line === lines.length && lines[line - 1] === '') ? undefined : content(line);

  for (const { block, name, tags, repeats, always } of spanning) {
    const loose = tags.find((t) => !control.has(t.line));
    if (loose) {
      problem(loose, `has ${a(name)} that spans lines, so each of its tags must stand on a line of its own`);
      continue;
    }
    const before = previous(tags[0]!.line);
    const after = next(tags.at(-1)!.line);
    const pairs: [number | undefined, number | undefined, string][] = [];
    let empty = !always && !hasElse(block);
    for (let i = 0; i + 1 < tags.length; i++) {
      const first = next(tags[i]!.line);
      const last = previous(tags[i + 1]!.line);
      if (first === undefined || first >= tags[i + 1]!.line) {
        empty = true;
        continue;
      }
      pairs.push([before, first, 'the line before it and its first line']);
      pairs.push([last, after, 'its last line and the line after it']);
      if (repeats && i === 0) pairs.push([last, first, 'its last line and its first, when it repeats']);
    }
    if (empty) pairs.push([before, after, 'the lines around it, when it prints nothing']);
    const broken = pairs.find(([a, b]) => !boundary(text(a), text(b)));
    if (broken)
      problem(
        tags[0]!,
        `has ${a(name)} that can make one Markdown block of lines ${broken[0]} and ${broken[1]} (${broken[2]}), ` +
          'so the data would change the blocks around it: leave a blank line between them, or keep the block inside one line',
      );
  }

  for (const { block, open } of inline) {
    const lineText = lines[open.line - 1]!;
    const lead = lineText.slice(0, open.column - 1);
    if (BLANK.test(lead)) {
      const starter = branches(block).find((b) => {
        const first = b.body[0];
        return first?.type === 'ContentStatement' && BLOCK_START.test((first as hbs.AST.ContentStatement).value);
      });
      if (starter)
        problem(
          open,
          'begins a heading, list item, quote or table row inside a block at the start of a line: put the marker before the block',
        );
    }
  }
  for (const [line] of tagsOnLine) {
    if (
      control.has(line) ||
      !onlyInBlocks(
        line,
        inline.map((i) => i.block),
        at,
        starts,
        lines,
      )
    )
      continue;
    const a = text(previous(line));
    const b = text(next(line));
    const alone =
      (a === undefined || BLANK.test(a) || HEADING.test(a)) &&
      (b === undefined || BLANK.test(b) || HEADING.test(b) || LIST_ITEM.test(b));
    if (!alone)
      problem(
        { line, column: 1 },
        'has a line that may print nothing, which would split the paragraph around it: leave a blank line before and after it',
      );
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** "an {{#if}}", "a {{#with}}". */
const a = (name: string) => `${/^[aeiou]/.test(name) ? 'an' : 'a'} {{#${name}}}`;

/** The programs of a block, an `{{else if}}` chain's included. */
function branches(block: Block): Program[] {
  const out: Program[] = [block.program];
  let inverse: Inverse = block.inverse;
  while (inverse) {
    const chained: Block | undefined = inverse.chained ? (inverse.body[0] as Block) : undefined;
    if (chained) {
      out.push(chained.program);
      inverse = chained.inverse;
    } else {
      out.push(inverse);
      inverse = undefined;
    }
  }
  return out;
}

function hasElse(block: Block): boolean {
  let inverse: Inverse = block.inverse;
  while (inverse?.chained) inverse = (inverse.body[0] as Block).inverse;
  return inverse !== undefined;
}

/** The open tag, each `{{else}}` and the close tag of a block, in order. */
function blockTags(
  block: Block,
  source: string,
  at: (p: hbs.AST.Position) => number,
  tag: (start: number, end: number) => Tag,
): Tag[] {
  const start = at(block.loc.start);
  const end = at(block.loc.end);
  const closeStart = source.lastIndexOf('{{', end - 1);
  const tags = [tag(start, source.indexOf('}}', start) + 2)];
  // Each else tag lies between one program's end and the next's start; a program's position
  // is only known when it has content, so the tag is found by its text.
  let from = tags[0]!.end;
  const programs = branches(block);
  for (let i = 1; i < programs.length; i++) {
    const body = programs[i - 1]!.body;
    const last = body.at(-1);
    if (last) from = Math.max(from, at(last.loc.end));
    const open = source.indexOf('{{', from);
    const close = source.indexOf('}}', open) + 2;
    tags.push(tag(open, close));
    from = close;
  }
  tags.push(tag(closeStart, end));
  return tags;
}

/** Whether a line's text (not its whitespace) is all inside one-line blocks. */
function onlyInBlocks(
  line: number,
  inline: Block[],
  at: (p: hbs.AST.Position) => number,
  starts: number[],
  lines: string[],
): boolean {
  const begin = starts[line - 1]!;
  const text = lines[line - 1]!;
  const spans = inline
    .filter((b) => b.loc.start.line === line)
    .map((b) => [at(b.loc.start) - begin, at(b.loc.end) - begin] as const)
    .sort((a, b) => a[0] - b[0]);
  if (spans.length === 0) return false;
  // The text outside the blocks (a block inside another is inside its span).
  let rest = '';
  let from = 0;
  for (const [s, e] of spans) {
    if (s >= from) rest += text.slice(from, s);
    from = Math.max(from, e);
  }
  return BLANK.test(rest + text.slice(from));
}
