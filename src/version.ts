import { createHash } from 'node:crypto';
import type { Jurisdiction } from './jurisdictions/registry.js';
import type { TemplateSet } from './render/templates.js';

const setHashes = new WeakMap<TemplateSet, string>();
const jurisdictionHashes = new WeakMap<Jurisdiction, string>();

/**
 * A policy's version: a short hash of everything its text depends on — the declaration, the
 * template set and the declared jurisdictions' modules. The same inputs always give the same
 * version, and any change to what the policy says gives a new one.
 */
export function policyVersion(
  declaration: string | Uint8Array,
  templates: TemplateSet,
  jurisdictions: readonly Jurisdiction[],
): string {
  const hash = createHash('sha256');
  hash.update(templateSetHash(templates));
  for (const jurisdiction of jurisdictions)
    hash.update(jurisdictionHash(jurisdiction)).update(templates.supplements[jurisdiction.code] ?? '');
  hash.update(declaration);
  return hash.digest('hex').slice(0, 12);
}

function templateSetHash(set: TemplateSet): string {
  let hash = setHashes.get(set);
  if (!hash) {
    hash = createHash('sha256')
      .update(JSON.stringify([set.locale, set.sections, set.partials, set.labels]))
      .digest('hex');
    setHashes.set(set, hash);
  }
  return hash;
}

function jurisdictionHash(jurisdiction: Jurisdiction): string {
  let hash = jurisdictionHashes.get(jurisdiction);
  if (!hash) {
    hash = createHash('sha256').update(JSON.stringify(jurisdiction)).digest('hex');
    jurisdictionHashes.set(jurisdiction, hash);
  }
  return hash;
}
