import { parse, stringify } from 'yaml';
import type { Rule } from './rule.js';

/**
 * The minimal declaration a rule's examples are added to: each example replaces some of its
 * top-level keys. It passes every rule for the `us` baseline.
 */
export const EXAMPLE_BASE = `policygen: 1
organization:
  name: Example
  contact:
    email: privacy@example.com
  address:
    street: 1 Main St
    city: Springfield
    postal_code: "12345"
    country: United States
effective: 2025-01-01
jurisdictions: [us]
data:
  - id: contact
    kind: contact-details
    sources: [user]
    required: true
    required_because: we cannot answer you without it
    retention: 1 year after our last reply
purposes:
  - id: service
    description: answer your questions
    data: [contact]
    legal_basis: contract
recipients: []
rights:
  channels:
    - email: privacy@example.com
  response_time: 15 days
`;

/** The base declaration with an example's top-level keys in place of its own. */
export function withExample(fragment: string): string {
  const base = parse(EXAMPLE_BASE) as Record<string, unknown>;
  const replacement = parse(fragment) as Record<string, unknown>;
  return stringify({ ...base, ...replacement }, { lineWidth: 0 });
}

/** A rule's documentation page, as docs/rules/<id>.md holds it and `policygen explain` prints it. */
export function ruleDoc(rule: Rule): string {
  return [
    `# ${rule.id}`,
    '',
    `**${rule.title}.** ${rule.type === 'disclosure' ? 'A required disclosure: this rule runs when a declared jurisdiction requires it.' : 'A consistency check: this rule always runs.'} Default severity: ${rule.severity}.`,
    '',
    rule.description,
    '',
    '## Failing example',
    '',
    '```yaml',
    rule.examples.failing.trimEnd(),
    '```',
    '',
    '## Passing example',
    '',
    '```yaml',
    rule.examples.passing.trimEnd(),
    '```',
    '',
    'Each example shows the top-level keys it sets; the rest of the declaration is a minimal valid one.' +
      (rule.examples.asOf ? ` Both are checked with \`--as-of ${rule.examples.asOf}\`.` : ''),
    '',
    '## Changing its severity',
    '',
    `\`policygen build --rule ${rule.id}=warn\` (or \`off\`, \`error\`); \`--strict\` turns every warning into an error.`,
    '',
  ].join('\n');
}
