import type { ShapeMemo } from './assemble/assemble.js';
import type { BlockMemo } from './assemble/blocks.js';
import type { ReadMemo } from './load/read-yaml.js';
import { newEmitMemo, type EmitMemo } from './emit/memo.js';
import { newStatementMemo, type StatementMemo } from './provenance/statements.js';
import { newRenderMemo, type RenderMemo } from './render/render.js';

/**
 * Everything policygen keeps from one compile for the next, in one place. The stages are
 * plain functions with no state of their own; each takes its part of a session, and a compile
 * without one (`compile(input)`) gives the same bytes, only more slowly. Keep one session for
 * a batch, a watch loop or a site generator's build, and drop it to free what it holds:
 *
 * - `read`: the last YAML text and its value (each locale of a build reads its declaration once);
 * - `renders`: renders by view, per template set (declarations that differ only in values share them);
 * - `shapes`: parsed section shapes, by their Markdown with value tokens;
 * - `blocks`: parsed blocks (a heading, paragraph, list item or table row), which new shapes are put together from;
 * - `emit`: each shape serialised as Markdown and HTML, Markdown fields, escaped values, slugs;
 * - `statements`: each shape's sentences and what they rest on.
 *
 * Each part is bounded (least recently used out first, or cleared at a size), so a session
 * that compiles a thousand different policies stays within tens of megabytes.
 * `build --cache` stores the shapes of a session on disk (src/shapes.ts). What is loaded once
 * per process and never changes (policygen's own templates, modules, schemas and their
 * compiled forms) is not kept here.
 */
export class Session {
  readonly read: ReadMemo = {};
  readonly renders: RenderMemo = newRenderMemo();
  readonly shapes: ShapeMemo = new Map();
  readonly blocks: BlockMemo = new Map();
  readonly emit: EmitMemo = newEmitMemo();
  readonly statements: StatementMemo = newStatementMemo();
}
