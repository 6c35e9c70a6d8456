import type { Nodes, Root, RootContent } from 'mdast';
import { keyOffset, localise, neutralise, toText, type ParseHook, type Shifts } from '../assemble/assemble.js';
import { parseMarkdown } from '../assemble/parse-markdown.js';
import { fieldTree } from '../assemble/fields.js';
import type { Jurisdiction } from '../jurisdictions/registry.js';
import type { Range } from '../render/ranges.js';
import type { Rendered } from '../render/render.js';
import { BoundedCache } from '../bounded-cache.js';
import { declaredCodes } from '../render/sources.js';
import { ALONE_TOKEN, asLinkText, TEXT_PLACES, TOKEN_OPEN, type TokenValue } from '../render/tokens.js';

/**
 * What a sentence of the policy is (docs/truthful-output.md):
 * - `fact`: it states what the declaration declares;
 * - `required`: text a declared law requires, conditioned only on declared facts;
 * - `explanation`: neutral help, a heading or a table's column names, committing to nothing.
 */
export type StatementKind = 'fact' | 'required' | 'explanation';

/** One sentence, heading or table row of the policy, with where it comes from. */
export interface Statement {
  /** The id of the section it is in. */
  section: string;
  kind: StatementKind;
  /** Its plain text, values filled in. */
  text: string;
  /** JSON pointers of the declared nodes it depends on: the values it prints and the facts that chose it. */
  sources: string[];
  /** The laws that require it (for `required`). */
  citations: string[];
}

/** What a unit rests on, whatever the values: its kind (unless a heading), sources and citations. */
export interface Described {
  explained: boolean;
  kind: 'fact' | 'required';
  sources: string[];
  citations: string[];
}

/**
 * What statements() keeps between compiles in a Session: each section shape's units, by
 * locale and value kinds (up to 2M characters of keys: a batch of different policies fills it
 * once), and the units' descriptions by render provenance (a render from the session's render
 * memo hands out the same one), section and shape, so that a policy that differs from one
 * seen before only in its values reuses them; they go when the render memo lets the
 * provenance go. Within one compile, the units found while assemble parses are used here.
 */
export interface StatementMemo {
  units: BoundedCache<Unit[]>;
  described: WeakMap<object, Map<string, { units: readonly Unit[]; described: Described[] }>>;
}

export function newStatementMemo(): StatementMemo {
  return {
    units: new BoundedCache<Unit[]>(2 * 1024 * 1024, (key, units) => key.length + units.length * 64),
    described: new WeakMap(),
  };
}

/** The block whose content is explanation: `{{#explanation}}…{{/explanation}}`. */
const EXPLAINING = new Set(['explanation']);
/** The block whose content is what a declared law says: `{{#law}}…{{/law}}`. */
const STATING_LAW = new Set(['law']);

/**
 * The statements of a traced render (render.ts with `trace`), in document order: every
 * sentence of every paragraph and list item, every heading and every table row, each with the
 * sources of the ranges that printed it. Sentences are found by Intl.Segmenter in the
 * policy's locale, on the Markdown's text with each value one opaque token, so a declared
 * text is never cut in two. Kinds: explanation (headings, run-in headings, {{#explanation}}),
 * required (chosen by declared jurisdictions alone), fact (the rest).
 */
export function statements(
  rendered: Rendered,
  locale: string,
  declared: unknown,
  jurisdictions: readonly Jurisdiction[],
  cache: StatementMemo = newStatementMemo(),
): Statement[] {
  const unitCache = cache.units;
  const provenance = rendered.provenance;
  if (!provenance) throw new Error('statements() needs a traced render (render with trace: true)');
  const codes = declaredCodes(declared);
  const laws = new Map(
    jurisdictions.map((j) => [codes.has(j.code) ? `/jurisdictions/${codes.get(j.code)}` : '', `${j.short} (${j.law})`]),
  );
  const segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  const out: Statement[] = [];
  // Pointers in declaration order (/data/2 before /data/10): indexes padded for comparing.
  const orders = new Map<string, string>();
  const order = (pointer: string) => {
    let found = orders.get(pointer);
    if (found === undefined)
      orders.set(pointer, (found = pointer.replace(/\/(\d+)(?=\/|$)/g, (_, n: string) => `/${n.padStart(9, '0')}`)));
    return found;
  };
  const groups: Grouped[] = [];
  let memo = cache.described.get(provenance);
  if (!memo) cache.described.set(provenance, (memo = new Map()));
  for (const [index, section] of rendered.sections.entries()) {
    const supplement = section.id.startsWith('jurisdiction-')
      ? jurisdictions.find((j) => `jurisdiction-${j.code}` === section.id)
      : undefined;
    const base = supplement && codes.has(supplement.code) ? [`/jurisdictions/${codes.get(supplement.code)}`] : [];
    // Units are found once per shape: the Markdown with its values numbered from 0 (as assemble does).
    const shifts: Shifts = { ends: [], by: [] };
    const { key, values } = localise(section.markdown, rendered.tokens.values, shifts);
    const ranges = (section.ranges ?? []).map((r) => ({
      ...r,
      start: keyOffset(shifts, r.start),
      end: keyOffset(shifts, r.end),
    }));
    // What each unit rests on depends on the render's ranges and the declaration's structure,
    // not on its values: a render from the cache (the same provenance) describes its units alike.
    // One sweep: ranges open in order of their start, units are described in document order.
    let next = 0;
    let active: Range[] = [];
    const describe = (unit: Unit): Described => {
      while (next < ranges.length && ranges[next]!.start < unit.end) active.push(ranges[next++]!);
      active = active.filter((r) => r.end > unit.start);
      const touching = active.filter((r) => r.start < unit.end);
      const events = provenance.events;
      // Inside one item of a list, what decided the other items' places is not this one's
      // source: the lists this unit is inside, and which item of each (null: it spans several).
      const within = new Map<string, string | null>();
      for (const range of touching) {
        // Only an item this unit lies in: a unit that holds a whole list of one item (a table
        // row listing one recipient) is not inside that item, and the others' absence is its too.
        if (range.start > unit.start || range.end < unit.end) continue;
        const item = events[range.event]!.item;
        if (item === undefined) continue;
        const cut = item.lastIndexOf('/');
        const list = item.slice(0, cut);
        const index = item.slice(cut + 1);
        const seen = within.get(list);
        within.set(list, seen === undefined || seen === index ? index : null);
      }
      // Inside an item of policygen's own (a right), neither the list's condition nor what
      // chose the list around it is the item's source: a right's statement rests on that right.
      const lists = new Set<number>();
      const dropped = new Set<string>();
      for (const range of touching) {
        const event = events[range.event]!;
        if (!event.own || event.parent === undefined) continue;
        lists.add(event.parent);
        const own = new Set(event.sources);
        for (const pointer of events[event.parent]!.sources) if (!own.has(pointer)) dropped.add(pointer);
      }
      const sources = new Set(base);
      const take = (pointer: string) => {
        if (!dropped.has(pointer) && !otherItem(pointer, within)) sources.add(pointer);
      };
      for (const range of touching) {
        if (lists.has(range.event)) continue;
        // An event's sources by the item of a top-level list they are in, so that a unit inside
        // one item looks only at that item's (a table of 200 rows is not 200 × 200).
        const grouped = (groups[range.event] ??= groupByItem(events[range.event]!.sources));
        grouped.others.forEach(take);
        for (const [list, byIndex] of grouped.items) {
          const index = within.get(list);
          if (typeof index === 'string') byIndex.get(index)?.forEach(take);
          else for (const pointers of byIndex.values()) pointers.forEach(take);
        }
      }
      const cited = new Set(touching.flatMap((r) => events[r.event]!.citations ?? []));
      const explained = touching.some(
        (r) => r.start <= unit.start && r.end >= unit.end && explaining(r, provenance.events),
      );
      const lawSources = [...sources].filter((p) => laws.has(p));
      // Required: nothing but a declared law chose it. A sentence that also rests on another
      // declared node states that fact, cited to the law that asks for it.
      // The effective date only picks which version of a declared law applies (law_in_force).
      // Or text marked {{#law}}: what a declared law says, where declared facts make it relevant.
      const statesLaw =
        lawSources.length > 0 &&
        touching.some(
          (r) => r.start <= unit.start && r.end >= unit.end && explaining(r, provenance.events, STATING_LAW),
        );
      const byLawAlone =
        statesLaw ||
        (sources.size > 0 &&
          [...sources].every(
            (p) => laws.has(p) || p === '/jurisdictions' || (p === '/effective' && lawSources.length > 0),
          ));
      // The articles the statement's own objects cite (a right's), else the law that asks for it.
      const citations = cited.size
        ? [...cited]
        : supplement
          ? [section.citation ?? `${supplement.short} (${supplement.law})`]
          : lawSources.map((p) => laws.get(p)!);
      // A top-level node read on the way to one inside it (organization for organization/name,
      // data for data/0) adds nothing. An item stays: a derived list (the categories collected
      // from you) chose it for a field of its own.
      const all = [...sources];
      const specific = all.filter((p) => p.indexOf('/', 1) > 0 || !all.some((q) => q.startsWith(p + '/')));
      return {
        explained,
        kind: byLawAlone ? 'required' : 'fact',
        sources: specific.sort((a, b) => (order(a) < order(b) ? -1 : 1)),
        citations,
      };
    };
    const add = (units: readonly Unit[], described: Described[]) => {
      units.forEach((unit, i) => {
        const about = (described[i] ??= describe(unit));
        const expanded = unit.field === undefined ? [unit] : fieldUnits(values[unit.field]!.value, segmenter);
        for (const part of expanded) {
          const text = fill(part.text, values).replace(/\s+/g, ' ').trim();
          if (text === '') continue;
          const kind: StatementKind = part.heading || about.explained ? 'explanation' : about.kind;
          out.push({
            section: section.id,
            kind,
            text,
            sources: [...about.sources],
            citations: kind === 'explanation' ? [] : [...about.citations],
          });
        }
      });
    };
    const cacheKey = unitKey(locale, key, values);
    let found = unitCache.get(cacheKey);
    if (!found) unitCache.set(cacheKey, (found = units(parsed(key), segmenter, values)));
    const memoKey = `${index}\u0000${[...codes].join()}\u0000${cacheKey}`;
    let about = memo.get(memoKey);
    if (!about || about.units !== found) memo.set(memoKey, (about = { units: found, described: [] }));
    add(found, about.described);
  }
  return out;
}

/**
 * The assemble stage's parse hook for a policy in `locale`: finds each section's units from the
 * tree assemble parses anyway, so that no section is parsed twice.
 */
export function unitsWhileParsing(locale: string, cache: StatementMemo): ParseHook {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  return (key, tree, values) => {
    const cacheKey = unitKey(locale, key, values);
    if (!cache.units.get(cacheKey)) cache.units.set(cacheKey, units(tree, segmenter, values));
  };
}

function unitKey(locale: string, key: string, values: readonly TokenValue[]): string {
  const kinds = values.map((v) => (v.kind === 'markdown' ? 'm' : 't')).join('');
  return `${locale}\u0000${kinds}\u0000${key}`;
}

/** A section's tree as assemble sees it when it parses it: with positions, raw HTML as text. */
function parsed(key: string): Root {
  const tree = parseMarkdown(key);
  neutralise(tree, false);
  return tree;
}

/** A section shape's units, by locale and value kinds, as `build --cache` keeps them (src/shapes.ts). */
export type StoredUnits = Record<string, StoredUnit[]>;
type StoredUnit = Unit;

/** The units found for a shape, by the rest of their cache key. */
export function storedUnits(cache: StatementMemo): Map<string, StoredUnits> {
  const byShape = new Map<string, StoredUnits>();
  for (const [cacheKey, found] of cache.units.all()) {
    const second = cacheKey.indexOf('\u0000', cacheKey.indexOf('\u0000') + 1);
    const shape = cacheKey.slice(second + 1);
    const units = byShape.get(shape) ?? {};
    units[cacheKey.slice(0, second)] = found;
    byShape.set(shape, units);
  }
  return byShape;
}

/** Takes back the units of a shape an earlier process stored, if they have the form units have. */
export function restoreUnits(cache: StatementMemo, shape: string, stored: unknown): void {
  if (!stored || typeof stored !== 'object') return;
  for (const [prefix, found] of Object.entries(stored)) {
    if (!Array.isArray(found) || !found.every(isUnit)) continue;
    const cacheKey = `${prefix}\u0000${shape}`;
    if (!cache.units.get(cacheKey)) cache.units.set(cacheKey, found);
  }
}

function isUnit(value: unknown): value is Unit {
  if (!value || typeof value !== 'object') return false;
  const unit = value as Record<string, unknown>;
  const offset = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
  return (
    typeof unit['text'] === 'string' &&
    offset(unit['start']) &&
    offset(unit['end']) &&
    (unit['heading'] === undefined || typeof unit['heading'] === 'boolean') &&
    (unit['field'] === undefined || offset(unit['field'])) &&
    (unit['from'] === undefined || offset(unit['from'])) &&
    Object.keys(unit).every((k) => ['text', 'start', 'end', 'heading', 'field', 'from'].includes(k))
  );
}

interface Grouped {
  /** Pointers in no item of a top-level list. */
  others: string[];
  /** Pointers in an item of a top-level list, by the list and the item's index: /data → 3 → [/data/3/sources]. */
  items: Map<string, Map<string, string[]>>;
}

function groupByItem(pointers: readonly string[]): Grouped {
  const grouped: Grouped = { others: [], items: new Map() };
  for (const pointer of pointers) {
    const slash = pointer.indexOf('/', 1);
    const end = slash < 0 ? -1 : pointer.indexOf('/', slash + 1);
    const index = slash < 0 ? '' : end < 0 ? pointer.slice(slash + 1) : pointer.slice(slash + 1, end);
    if (!isIndex(index)) {
      grouped.others.push(pointer);
      continue;
    }
    const list = pointer.slice(0, slash);
    let byIndex = grouped.items.get(list);
    if (!byIndex) grouped.items.set(list, (byIndex = new Map()));
    const bucket = byIndex.get(index);
    if (bucket) bucket.push(pointer);
    else byIndex.set(index, [pointer]);
  }
  return grouped;
}

/** Whether a pointer is in another item of a list the unit is in one item of (/data/3/sources beside /data/1). */
function otherItem(pointer: string, within: ReadonlyMap<string, string | null>): boolean {
  for (const [list, index] of within) {
    if (
      index === null ||
      pointer.length <= list.length + 1 ||
      !pointer.startsWith(list) ||
      pointer.charCodeAt(list.length) !== 47
    )
      continue;
    const from = list.length + 1;
    const slash = pointer.indexOf('/', from);
    const segment = slash < 0 ? pointer.slice(from) : pointer.slice(from, slash);
    if (segment !== index && isIndex(segment)) return true;
  }
  return false;
}

function isIndex(segment: string): boolean {
  if (segment === '') return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Whether a range is (a branch of) an explanation. */
function explaining(
  range: Range,
  events: readonly { helper: string; parent?: number }[],
  helpers = EXPLAINING,
): boolean {
  const event = events[range.event]!;
  return helpers.has(event.helper) || (event.parent !== undefined && helpers.has(events[event.parent]!.helper));
}

/** A sentence, heading or table row: its text with value tokens, and where it is in the section's Markdown. */
export interface Unit {
  text: string;
  start: number;
  end: number;
  heading?: boolean;
  /** A Markdown field alone in its paragraph: the number of its token, whose value's units stand here. */
  field?: number;
  /** Where its text starts in its block's text (while sentences are cut). */
  from?: number;
}

/** A section's units, from its tree (which it does not change). */
function units(tree: Root, segmenter: Intl.Segmenter, values: readonly TokenValue[]): Unit[] {
  const out: Unit[] = [];
  const block = (node: RootContent | Nodes, inList = false) => {
    switch (node.type) {
      case 'heading': {
        const piece = inline(node);
        piece.text = piece.text.replace(/\s*\{#[a-z0-9][a-z0-9-]*\s*\}\s*$/, '');
        out.push({ ...span(piece, 0, piece.text.length), heading: true });
        return;
      }
      case 'paragraph': {
        const piece = inline(node);
        // A bold phrase opening a list item names the item ("Cookies."): it is what the item is about.
        if (inList) delete piece.lead;
        const alone = ALONE_TOKEN.exec(piece.text);
        const value = alone ? values[Number(alone[1])] : undefined;
        // A Markdown field alone in its paragraph becomes that field's blocks (as the emitters
        // do): its units are the value's, found when the statements are made.
        if (value?.kind === 'markdown')
          out.push({
            text: '',
            start: node.position?.start.offset ?? 0,
            end: node.position?.end.offset ?? 0,
            field: Number(alone![1]),
          });
        else out.push(...sentences(piece, segmenter));
        return;
      }
      case 'table':
        node.children.forEach((row, i) => {
          const cells = row.children.map((cell) => inline(cell));
          const text = cells.map((c) => c.text.trim()).join(' | ');
          const start = row.position?.start.offset ?? 0;
          out.push({ text, start, end: row.position?.end.offset ?? start, ...(i === 0 ? { heading: true } : {}) });
        });
        return;
      case 'code':
        out.push({ text: node.value, start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 });
        return;
      default:
        if ('children' in node)
          for (const child of node.children as Nodes[]) block(child, inList || node.type === 'listItem');
    }
  };
  for (const node of tree.children) block(node);
  return out;
}

/** A Markdown field's sentences, headings and rows (their offsets are the field's place, set by the caller). */
function fieldUnits(markdown: string, segmenter: Intl.Segmenter): Unit[] {
  const tree = fieldTree(markdown);
  const out: Unit[] = [];
  const block = (node: Nodes) => {
    if (node.type === 'heading') out.push({ text: toText(node), start: 0, end: 0, heading: true });
    else if (node.type === 'paragraph') out.push(...sentences(inline(node), segmenter));
    else if (node.type === 'table')
      for (const row of node.children)
        out.push({ text: row.children.map((cell) => toText(cell).trim()).join(' | '), start: 0, end: 0 });
    else if (node.type === 'code' || node.type === 'html') out.push({ text: node.value, start: 0, end: 0 });
    else if ('children' in node) for (const child of node.children as Nodes[]) block(child);
  };
  for (const node of tree.children) block(node);
  return out;
}

/** A block's inline text, and for each of its characters the offset in the Markdown it came from. */
interface Piece {
  text: string;
  offsets: number[];
  /** The length of a bold lead-in that opens the block ("**Cookies.** You can …"), if any. */
  lead?: number;
}

function inline(node: Nodes): Piece {
  const piece: Piece = { text: '', offsets: [] };
  const walk = (child: Nodes) => {
    if (child.type === 'text' || child.type === 'inlineCode' || child.type === 'html') {
      const start = child.position?.start.offset ?? 0;
      const end = child.position?.end.offset ?? start;
      // A value in a link's text keeps its own full stop and the template's (as the emitters print
      // it). A line break inside a paragraph is a space: only a blank line ends a paragraph.
      const value = (inLink ? asLinkText(child.value) : child.value).replace(/[\r\n]/g, ' ');
      // Escapes and references make the source longer than the text: spread the text over it.
      for (let i = 0; i < value.length; i++)
        piece.offsets.push(
          value.length === end - start
            ? start + i
            : start + Math.floor(((end - start) * i) / Math.max(1, value.length)),
        );
      piece.text += value;
      return;
    }
    if (child.type === 'break') {
      piece.offsets.push(child.position?.start.offset ?? 0);
      piece.text += ' ';
      return;
    }
    if (child.type === 'image') {
      const start = child.position?.start.offset ?? 0;
      for (const _ of child.alt ?? '') piece.offsets.push(start);
      piece.text += child.alt ?? '';
      return;
    }
    if ('children' in child) {
      const outer = inLink;
      inLink ||= child.type === 'link';
      for (const grandchild of child.children as Nodes[]) walk(grandchild);
      inLink = outer;
    }
  };
  let inLink = false;
  if ('children' in node) {
    const children = node.children as Nodes[];
    let boldEnd = -1;
    children.forEach((child, i) => {
      walk(child);
      // A bold phrase of the template's own words that opens the block and ends with a full
      // stop, as a run-in heading does ("Fees." "Who is responsible."); not a declared value.
      // Japanese and Chinese put a colon after the bold instead ("**手数料**：…").
      if (i === 0 && child.type === 'strong' && !piece.text.includes(TOKEN_OPEN) && children.length > 1) {
        if (/[.。]\s*$/.test(piece.text)) piece.lead = piece.text.length;
        else boldEnd = piece.text.length;
      }
      if (i === 1 && boldEnd >= 0 && /^[：:]/.test(piece.text.slice(boldEnd))) piece.lead = boldEnd + 1;
    });
  }
  return piece;
}

function span(piece: Piece, from: number, to: number): Unit {
  const start = piece.offsets[from] ?? 0;
  const end = (piece.offsets[Math.max(from, to - 1)] ?? start) + 1;
  return { text: piece.text.slice(from, to), start, end, from };
}

/** Abbreviations after which a full stop does not end a sentence ("Art. 15", "e.g. this"). */
const ABBREVIATIONS = [
  // Citations: "Art. 15", "s. 17", "Sch. 1", "Cal. Civ. Code", "Conn. Gen. Stat.", "Va. Code".
  // "CQLR c. P-39.1", "S.Q. 2021, c. 25": a chapter.
  ...[
    'Art',
    'Arts',
    'art',
    'arts',
    'Abs',
    'Nr',
    'No',
    'Nos',
    'no',
    'para',
    'paras',
    'Para',
    'Sec',
    'sec',
    'ss',
    's',
    'c',
    'Sch',
    'Sched',
    'Pt',
    'Div',
    'cl',
  ],
  ...[
    'Cal',
    'Civ',
    'Conn',
    'Gen',
    'Va',
    'Colo',
    'Ann',
    'Rev',
    'Reg',
    'Regs',
    'Res',
    'Pub',
    'Stat',
    'Cap',
    'ch',
    'lit',
    'al',
  ],
  // Words: "e.g.", "z. B.", "Inc.", "Dr."
  ...[
    'e\\.g',
    'i\\.e',
    'z\\.B',
    'd\\.h',
    'etc',
    'vs',
    'cf',
    'Inc',
    'Ltd',
    'Co',
    'Corp',
    'St',
    'U\\.S',
    'Dr',
    'Mr',
    'Ms',
  ],
];
// After a space, a bracket or a hyphen ("EU-U.S. Data Privacy Framework").
const ABBREVIATION = new RegExp(`(?:^|[\\s(-])(?:${ABBREVIATIONS.join('|')})\\.\\s*$`);
/** A citation in brackets after a sentence ("(PIPL Art. 45)") belongs to it. */
const CITATION_AFTER = /^\s*\([^()]*(?:\([^()]*\)[^()]*)*\)[.;]?\s*$/;

const RUNS_ON = /^[。．！？][）」』】〕)][^\s]$/u;

function sentences(piece: Piece, segmenter: Intl.Segmenter): Unit[] {
  const out: Unit[] = [];
  let from = -1;
  for (const { index, segment } of segmenter.segment(piece.text)) {
    if (from < 0) from = index;
    const end = index + segment.length;
    // A sentence that ends in an abbreviation runs on into the next segment, and so does a
    // full stop inside brackets that the sentence goes on after ("（以下「当社」といいます。）は").
    if (
      end < piece.text.length &&
      (ABBREVIATION.test(piece.text.slice(from, end)) || RUNS_ON.test(piece.text.slice(end - 2, end + 1)))
    )
      continue;
    const previous = out[out.length - 1];
    if (previous && CITATION_AFTER.test(piece.text.slice(from, end)) && end - from <= 80)
      out[out.length - 1] = joined(piece, previous, end);
    else pushTrimmed(out, piece, from, end);
    from = -1;
  }
  if (from >= 0) pushTrimmed(out, piece, from, piece.text.length);
  return out;
}

/** A unit extended to the end of the text that follows it. */
function joined(piece: Piece, unit: Unit, to: number): Unit {
  while (to > 0 && /\s/.test(piece.text[to - 1]!)) to--;
  return span(piece, unit.from!, to);
}

function pushTrimmed(out: Unit[], piece: Piece, from: number, to: number): void {
  while (from < to && /\s/.test(piece.text[from]!)) from++;
  while (to > from && /\s/.test(piece.text[to - 1]!)) to--;
  if (to <= from) return;
  // A bold lead-in is a heading of what follows it, not a statement of its own.
  if (piece.lead !== undefined && from === 0 && to > piece.lead && piece.text.slice(0, piece.lead).trim() !== '') {
    pushTrimmed(out, { ...piece, lead: undefined }, 0, piece.lead);
    out[out.length - 1]!.heading = true;
    pushTrimmed(out, { ...piece, lead: undefined }, piece.lead, to);
    return;
  }
  const unit = span(piece, from, to);
  if (piece.lead !== undefined && from === 0 && to <= piece.lead) unit.heading = true;
  out.push(unit);
}

/**
 * A unit's text with its value tokens replaced by their values, as the emitters print them:
 * trimmed, a Markdown field by its text, and a value's own full stop standing for the
 * template's ("Example Co., Ltd.").
 */
function fill(text: string, values: readonly TokenValue[]): string {
  return text.replace(TEXT_PLACES, (_, i: string | undefined, stop: string | undefined, inLink: string | undefined) => {
    if (inLink !== undefined) return values[Number(inLink)]?.value.trim() ?? '';
    const value = values[Number(i)];
    if (!value) return stop ?? '';
    const printed = value.kind === 'markdown' ? fieldText(value.value) : value.value.trim();
    return stop && printed.endsWith('.') ? printed : printed + (stop ?? '');
  });
}

/** A Markdown field's text, block by block. */
function fieldText(markdown: string): string {
  return fieldUnits(markdown, WORDS)
    .map((unit) => unit.text)
    .join(' ');
}
const WORDS = new Intl.Segmenter('en', { granularity: 'sentence' });
