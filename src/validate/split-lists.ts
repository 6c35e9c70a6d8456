import { isScalar, isSeq } from 'yaml';
import { docsUrl, toPointer, type Diagnostic } from '../diagnostics/diagnostic.js';
import { locate, type Source } from '../load/read-yaml.js';

/**
 * A sentence written as a YAML flow list: `other_measures: [administrative, technical, and
 * physical controls]` is three items in YAML ("administrative", "technical", "and physical
 * controls"), and the policy would list them as three measures. An unquoted item after the
 * first that begins with a conjunction is the sign; the hint gives the quoted form (issue 17).
 *
 * The plain value is searched first, so a declaration without such an item never builds the
 * YAML document; a declaration given as a value (no YAML text) has no flow lists to check.
 */
const CONJUNCTION = /^(?:and|or|und|oder|et|ou|y|o|e|nor|as well as)\s/i;

export function splitLists(source: Source): Diagnostic[] {
  if (source.position || !source.text) return [];
  const candidates: (string | number)[][] = [];
  // One path, pushed and popped: only a candidate's path is copied.
  const path: (string | number)[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (let i = 1; i < value.length; i++) {
        const item = value[i];
        if (typeof item === 'string' && CONJUNCTION.test(item)) {
          candidates.push([...path]);
          break;
        }
      }
      for (let i = 0; i < value.length; i++) {
        if (value[i] && typeof value[i] === 'object') {
          path.push(i);
          walk(value[i]);
          path.pop();
        }
      }
    } else if (value && typeof value === 'object') {
      for (const key in value) {
        const item = (value as Record<string, unknown>)[key];
        if (item && typeof item === 'object') {
          path.push(key);
          walk(item);
          path.pop();
        }
      }
    }
  };
  walk(source.value);
  const diagnostics: Diagnostic[] = [];
  for (const path of candidates) {
    const node = source.doc.getIn(path, true);
    if (!isSeq(node) || !node.flow) continue;
    const items = node.items.filter(isScalar);
    if (items.length !== node.items.length || items.some((item) => item.type !== 'PLAIN')) continue;
    const joined = items.map((item) => String(item.value)).join(', ');
    const at = node.items.findIndex((item, i) => i > 0 && CONJUNCTION.test(String((item as { value: unknown }).value)));
    diagnostics.push({
      code: 'split-list',
      severity: 'warning',
      message: `This list is read as ${items.length} separate items; item ${at + 1} is "${String(items[at]!.value)}". In YAML, commas inside [ ] separate list items, so a sentence written there is split.`,
      hint: `If it is one item, quote it: ["${joined.replace(/["\\]/g, (c) => `\\${c}`)}"]. If they are separate items, drop the "${/^\S+/.exec(String(items[at]!.value))![0]}".`,
      file: source.file,
      ...locate(source, [...path, at]),
      pointer: toPointer([...path, at]),
      docs: docsUrl('split-list'),
    });
  }
  return diagnostics;
}
