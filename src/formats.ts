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
