import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { SECTION_IDS } from '../normalize/vocabulary.js';
import { TemplateError } from './render.js';
import { localeCodes } from '../locales.js';
import type { Labels, TemplateSet } from './templates.js';

const NAME = /^[a-z][a-z0-9-]*\.md\.hbs$/;

/**
 * Reads a user's template folder and lays it over a template set: a file named like one of
 * policygen's templates (`cookies.md.hbs`, `partials/clause.md.hbs`,
 * `jurisdictions/eea.md.hbs`) replaces it, and `labels.json` replaces individual words.
 * Files at the top of the folder are English; a subfolder named after a locale (`de/`) holds
 * that locale's, laid out the same way. Only plain files are read; symbolic links and
 * anything else are refused, so a template path can never lead outside the folder.
 *
 * @throws TemplateError for a file that cannot be used, naming it
 */
export async function loadTemplateOverrides(dir: string, base: TemplateSet, display = dir): Promise<TemplateSet> {
  const root = await realpath(dir).catch(() => {
    throw new TemplateError('the template folder does not exist', display);
  });
  let set: TemplateSet = {
    ...base,
    sections: { ...base.sections },
    partials: { ...base.partials },
    supplements: { ...base.supplements },
    files: { ...base.files },
  };
  if (base.locale === 'en') set = await overlay(root, display, set);
  const own = join(root, base.locale);
  const stat = await lstat(own).catch(() => undefined);
  if (stat?.isDirectory()) set = await overlay(own, join(display, base.locale), set);
  else if (stat) throw new TemplateError('is not a folder', join(display, base.locale));
  return set;
}

const read = async (path: string, shown: string): Promise<string> => {
  const stat = await lstat(path);
  if (!stat.isFile()) throw new TemplateError('is not a plain file (symbolic links are not followed)', shown);
  if (stat.size > 256 * 1024) throw new TemplateError('is larger than 256 KiB', shown);
  return readFile(path, 'utf8');
};

/** Lays one folder's templates over a set (changing it in place) and returns it. */
async function overlay(root: string, display: string, set: TemplateSet): Promise<TemplateSet> {
  const { sections, partials, supplements } = set;
  const files = set.files!;
  for (const entry of (await readdir(root, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const shown = join(display, entry.name);
    if ((entry.name === 'partials' || entry.name === 'jurisdictions') && entry.isDirectory()) continue;
    // Another locale's folder: read when that locale is built.
    if (entry.isDirectory() && localeCodes().includes(entry.name)) continue;
    if (entry.name === 'labels.json') {
      const text = await read(join(root, entry.name), shown);
      try {
        const overrides = JSON.parse(text) as Labels;
        const labels: Labels = { ...set.labels };
        for (const [group, words] of Object.entries(overrides)) labels[group] = { ...labels[group], ...words };
        set.labels = labels;
      } catch (error) {
        throw new TemplateError(`is not valid JSON: ${(error as Error).message}`, shown);
      }
      continue;
    }
    if (!NAME.test(entry.name))
      throw new TemplateError(
        `is not a template policygen knows (expected <section>.md.hbs, partials/, jurisdictions/, labels.json, or a locale's folder: ${localeCodes().join(', ')})`,
        shown,
      );
    const id = entry.name.slice(0, -'.md.hbs'.length);
    if (!(SECTION_IDS as readonly string[]).includes(id) || id === 'jurisdictions') {
      throw new TemplateError(
        `is not a section template; sections are ${SECTION_IDS.filter((s) => s !== 'jurisdictions').join(', ')}`,
        shown,
      );
    }
    sections[id] = await read(join(root, entry.name), shown);
    files[id] = shown;
  }
  for (const [folder, known, what] of [
    ['partials', partials, 'a partial policygen uses; partials are'],
    ['jurisdictions', supplements, 'a jurisdiction supplement; jurisdictions are'],
  ] as const) {
    const path = join(root, folder);
    const stat = await lstat(path).catch(() => undefined);
    if (!stat) continue;
    if (!stat.isDirectory()) throw new TemplateError('is not a folder', join(display, folder));
    const names = Object.keys(known);
    for (const name of (await readdir(path)).sort()) {
      const shown = join(display, folder, name);
      if (!NAME.test(name)) throw new TemplateError(`is not a template (expected <name>.md.hbs)`, shown);
      const id = name.slice(0, -'.md.hbs'.length);
      if (!names.includes(id)) throw new TemplateError(`is not ${what} ${names.join(', ')}`, shown);
      known[id] = await read(join(path, name), shown);
      files[`${folder}/${id}`] = shown;
    }
  }
  return set;
}
