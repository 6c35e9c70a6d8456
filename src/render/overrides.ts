import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { SECTION_IDS } from '../normalize/vocabulary.js';
import { TemplateError } from './render.js';
import type { Labels, TemplateSet } from './templates.js';

const NAME = /^[a-z][a-z0-9-]*\.md\.hbs$/;

/**
 * Reads a user's template folder and lays it over a template set: a file named like one of
 * policygen's templates (`cookies.md.hbs`, `partials/clause.md.hbs`) replaces it, and
 * `labels.json` replaces individual words. Only plain files directly in the folder (or its
 * `partials/` folder) are read; symbolic links and anything else are refused, so a template
 * path can never lead outside the folder.
 *
 * @throws TemplateError for a file that cannot be used, naming it
 */
export async function loadTemplateOverrides(dir: string, base: TemplateSet, display = dir): Promise<TemplateSet> {
  const root = await realpath(dir).catch(() => {
    throw new TemplateError('the template folder does not exist', display);
  });
  const sections = { ...base.sections };
  const partials = { ...base.partials };
  const files: Record<string, string> = { ...base.files };
  let labels: Labels = base.labels;

  const read = async (path: string, shown: string): Promise<string> => {
    const stat = await lstat(path);
    if (!stat.isFile()) throw new TemplateError('is not a plain file (symbolic links are not followed)', shown);
    if (stat.size > 256 * 1024) throw new TemplateError('is larger than 256 KiB', shown);
    return readFile(path, 'utf8');
  };

  for (const entry of (await readdir(root, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const shown = join(display, entry.name);
    if (entry.name === 'partials' && entry.isDirectory()) continue;
    if (entry.name === 'labels.json') {
      const text = await read(join(root, entry.name), shown);
      try {
        const overrides = JSON.parse(text) as Labels;
        labels = { ...labels };
        for (const [group, words] of Object.entries(overrides)) labels[group] = { ...labels[group], ...words };
      } catch (error) {
        throw new TemplateError(`is not valid JSON: ${(error as Error).message}`, shown);
      }
      continue;
    }
    if (!NAME.test(entry.name)) throw new TemplateError('is not a template policygen knows (expected <section>.md.hbs, partials/ or labels.json)', shown);
    const id = entry.name.slice(0, -'.md.hbs'.length);
    if (!(SECTION_IDS as readonly string[]).includes(id) || id === 'jurisdictions') {
      throw new TemplateError(`is not a section template; sections are ${SECTION_IDS.filter((s) => s !== 'jurisdictions').join(', ')}`, shown);
    }
    sections[id] = await read(join(root, entry.name), shown);
    files[id] = shown;
  }

  const partialDir = join(root, 'partials');
  const partialStat = await lstat(partialDir).catch(() => undefined);
  if (partialStat?.isDirectory()) {
    for (const name of (await readdir(partialDir)).sort()) {
      const shown = join(display, 'partials', name);
      if (!NAME.test(name)) throw new TemplateError('is not a partial template (expected <name>.md.hbs)', shown);
      const id = name.slice(0, -'.md.hbs'.length);
      if (!(id in base.partials)) throw new TemplateError(`is not a partial policygen uses; partials are ${Object.keys(base.partials).join(', ')}`, shown);
      partials[id] = await read(join(partialDir, name), shown);
      files[`partials/${id}`] = shown;
    }
  } else if (partialStat) {
    throw new TemplateError('is not a folder', relative(process.cwd(), partialDir));
  }
  return { locale: base.locale, sections, partials, supplements: base.supplements, labels, files };
}
