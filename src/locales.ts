import { packageSubfolders } from './package-root.js';

let codes: string[] | undefined;

/**
 * The locales policygen ships: the folders of templates/, each a complete template set
 * (sections, partials, labels.json and jurisdiction supplements). Adding a folder adds a locale.
 */
export function localeCodes(): string[] {
  return (codes ??= packageSubfolders('templates/'));
}
