import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Root } from 'mdast';
import { packageRoot } from './package-root.js';
import { restoreShape } from './assemble/assemble.js';
import { restoreHtml } from './emit/emit-html.js';
import { restoreMarkdown } from './emit/emit-markdown.js';
import { restoreUnits, storedUnits, type StoredUnits } from './provenance/statements.js';
import type { Session } from './session.js';

/**
 * Parsed and serialised section shapes, as a later process can take them back: what
 * `build --cache` keeps in its folder, so that a new process parses and serialises only the
 * shapes it has not seen before (cold, that is most of a build). A shape is a function of its
 * key (the rendered Markdown with value tokens), so a stored one is exactly what parsing the
 * key again would give, as long as the code that made it is the same: the CLI stores them
 * with a fingerprint of policygen itself and drops them when it changes.
 */
export interface StoredShape {
  key: string;
  tree: Root;
  /** Serialised Markdown by citation. */
  md: Record<string, string>;
  /** Serialised HTML by how the shape is dressed (section id and citations). */
  html: Record<string, string>;
  /** Its sentences for the JSON's statements (src/provenance/statements.ts), by locale and value kinds. */
  units?: StoredUnits;
}

/** The shapes a session holds, with whatever serialisations it made of them. */
export function storedShapes(session: Session): StoredShape[] {
  const units = storedUnits(session.statements);
  return [...session.shapes].map(([key, tree]) => ({
    key,
    tree,
    md: Object.fromEntries(session.emit.markdownShapes.get(tree) ?? []),
    html: Object.fromEntries(
      [...(session.emit.htmlShapes.get(tree) ?? [])].map(([dressing, { html }]) => [dressing, html]),
    ),
    ...(units.has(key) ? { units: units.get(key)! } : {}),
  }));
}

/** Takes back into a session the shapes an earlier process stored. */
export function restoreShapes(session: Session, shapes: readonly StoredShape[]): void {
  for (const shape of shapes) {
    restoreShape(session.shapes, shape.key, shape.tree);
    const tree = session.shapes.get(shape.key);
    if (!tree) continue;
    for (const [citation, text] of Object.entries(shape.md)) restoreMarkdown(session.emit, tree, citation, text);
    for (const [key, html] of Object.entries(shape.html)) restoreHtml(session.emit, tree, key, html);
    if (shape.units) restoreUnits(session.statements, shape.key, shape.units);
  }
}

/**
 * Which policygen made a set of stored shapes: its package.json and the size and time of the
 * code file this runs from (the bundle chunk, or dist/), which any rebuild rewrites.
 */
export function shapesVersion(): string {
  const code = statSync(fileURLToPath(import.meta.url));
  return createHash('sha256')
    .update(readFileSync(new URL('package.json', packageRoot)))
    .update(`\0${code.size}\0${code.mtimeMs}`)
    .digest('hex')
    .slice(0, 16);
}
