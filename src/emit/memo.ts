import type { Root } from 'mdast';
import type { HtmlShape } from './emit-html.js';
import type { Line } from './emit-markdown.js';
import type { HtmlBlocks } from './html-blocks.js';
import type { MarkdownBlocks } from './markdown-blocks.js';

/**
 * What the emitters keep between compiles in a Session (src/session.ts): each shape's
 * serialised Markdown and HTML, keyed by the parsed shape (which the session's assemble memo
 * shares between declarations) and by how it is dressed; each serialised shape split into
 * the places values go; Markdown fields parsed and printed; values escaped; heading slugs.
 * Without a session each emit starts from an empty one, so the output is the same.
 */
export interface EmitMemo {
  markdownShapes: WeakMap<object, Map<string, string>>;
  /** Blocks of shapes put together from blocks, serialised once each (markdown-blocks.ts). */
  markdownBlocks: MarkdownBlocks;
  markdownLines: Map<string, Line[]>;
  markdownFields: Map<string, string>;
  htmlShapes: WeakMap<object, Map<string, HtmlShape>>;
  /** Blocks of shapes put together from blocks, as HTML, written once each (html-blocks.ts). */
  htmlBlocks: HtmlBlocks;
  htmlFields: Map<string, string>;
  fieldTrees: Map<string, Root>;
  escaped: Map<string, string>;
  slugs: Map<string, string>;
}

export function newEmitMemo(): EmitMemo {
  return {
    markdownShapes: new WeakMap(),
    markdownBlocks: new Map(),
    markdownLines: new Map(),
    markdownFields: new Map(),
    htmlShapes: new WeakMap(),
    htmlBlocks: new Map(),
    htmlFields: new Map(),
    fieldTrees: new Map(),
    escaped: new Map(),
    slugs: new Map(),
  };
}
