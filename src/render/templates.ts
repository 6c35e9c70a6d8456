import { readdirSync, readFileSync } from 'node:fs';
import { localeCodes } from '../locales.js';
import { packageRoot } from '../package-root.js';

/** The clause templates and wording of one locale. */
export interface TemplateSet {
  locale: string;
  /** Section templates by section id (file `<id>.md.hbs`). */
  sections: Record<string, string>;
  /** Partials by name (files in `partials/`). */
  partials: Record<string, string>;
  /** Jurisdiction supplements by jurisdiction code (files in `jurisdictions/`). */
  supplements: Record<string, string>;
  /** Words for controlled-vocabulary values, by group then value. */
  labels: Labels;
  /**
   * Templates that came from a user's folder, by name ("cookies", "partials/clause"), with
   * their file paths. These are compiled in strict mode with known helpers only.
   */
  files?: Record<string, string>;
}

/** A locale's words: per vocabulary, a name (and its form inside a sentence, `mid`, where the locale's rule cannot make it). */
export type Labels = Record<string, Record<string, string | { name: string; description?: string; mid?: string }>>;

const cache = new Map<string, TemplateSet>();

/**
 * Loads the template set policygen ships for a locale (templates/<locale>/). Reads the
 * package's own files once per process; never the user's.
 */
export function bundledTemplates(locale = 'en'): TemplateSet {
  let set = cache.get(locale);
  if (!set && !localeCodes().includes(locale))
    throw new RangeError(`policygen has no locale "${locale}"; locales: ${localeCodes().join(', ')}`);
  if (!set) {
    set = readTemplateDir(new URL(`templates/${locale}/`, packageRoot), locale);
    cache.set(locale, set);
  }
  return set;
}

function readTemplateDir(dir: URL, locale: string): TemplateSet {
  const labels = JSON.parse(readFileSync(new URL('labels.json', dir), 'utf8')) as Labels;
  return {
    locale,
    sections: readTemplates(dir),
    partials: readTemplates(new URL('partials/', dir)),
    supplements: readTemplates(new URL('jurisdictions/', dir)),
    labels,
  };
}

/** The templates (`<name>.md.hbs`) in one folder, by name. */
function readTemplates(dir: URL): Record<string, string> {
  const templates: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.md.hbs'))
      templates[name.slice(0, -'.md.hbs'.length)] = readFileSync(new URL(name, dir), 'utf8');
  }
  return templates;
}
