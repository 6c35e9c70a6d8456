import type { SectionInfo } from '../assemble/assemble.js';
import type { Model } from '../normalize/normalize.js';

/** The policy's section model: metadata, the outline, and the resolved declaration. */
export function emitJson(model: Model, sections: SectionInfo[], locale: string): string {
  const output = {
    policygen: 1,
    locale,
    title: model.title,
    organization: model.organization.name,
    effective: model.effective,
    last_updated: model.last_updated,
    jurisdictions: model.jurisdictions,
    sections,
    model,
  };
  return JSON.stringify(output, null, 2) + '\n';
}
