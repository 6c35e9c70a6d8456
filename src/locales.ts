import { readdirSync } from 'node:fs';
import { packageRoot } from './package-root.js';

let codes: string[] | undefined;

/**
 * The locales policygen ships: the folders of templates/, each a complete template set
 * (sections, partials, labels.json and jurisdiction supplements). Adding a folder adds a locale.
 */
export function localeCodes(): string[] {
  return (codes ??= readdirSync(new URL('templates/', packageRoot), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort());
}
