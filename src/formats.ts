/**
 * The outputs policygen writes, in a module of their own so that the CLI's entry point can
 * name them without loading the pipeline.
 */

/** A policy in Markdown, HTML or JSON, or `trace`: the review page of where each statement comes from. */
export type Format = 'md' | 'html' | 'json' | 'trace';

/** The formats built by default. */
export const FORMATS: readonly Format[] = ['md', 'html', 'json'];

/** Every format policygen can write. */
export const ALL_FORMATS: readonly Format[] = ['md', 'html', 'json', 'trace'];

/** The file extension of a format's output: `trace` is a page, `.trace.html`. */
export function extension(format: Format): string {
  return format === 'trace' ? 'trace.html' : format;
}

/** A path without the extension of any format (`privacy.trace.html` → `privacy`). */
export function withoutExtension(path: string): string {
  return path.replace(/\.(trace\.html|md|html|json)$/, '');
}

/** A field the Markdown's front matter can hold. */
export type FrontMatterField =
  | 'title'
  | 'description'
  | 'last_updated'
  | 'effective'
  | 'locale'
  | 'version'
  | 'organization';

/** Every front matter field, in the order the config schema lists them (`front_matter: true`). */
export const FRONT_MATTER_FIELDS: readonly FrontMatterField[] = [
  'title',
  'description',
  'last_updated',
  'effective',
  'locale',
  'version',
  'organization',
];

/**
 * Front matter under the names a site generator reads: each key takes a field (a value that
 * names one of FrontMatterField), a literal (any other text, a number, true or false), or a
 * mapping of the same kind (Docusaurus's `last_update: { date: last_updated }`).
 */
export interface FrontMatterMap {
  [key: string]: string | number | boolean | FrontMatterMap;
}
