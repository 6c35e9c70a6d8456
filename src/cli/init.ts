import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync, lstatSync, type Stats } from 'node:fs';
import { join, relative } from 'node:path';

export interface InitAnswers {
  name: string;
  email: string;
  jurisdictions: string[];
}

export const INIT_DEFAULTS: InitAnswers = { name: 'Example Ltd', email: 'privacy@example.com', jurisdictions: ['us'] };

/** A YAML double-quoted string: whatever a person typed stays text. */
const q = (text: string) => JSON.stringify(text);

/** A commented starter declaration that builds as it is. */
export function starterDeclaration(answers: InitAnswers): string {
  return `# yaml-language-server: $schema=../node_modules/policygen/schemas/policy.schema.json
# Your privacy practices, stated once. Run \`npx policygen build\` to write the policies, and
# \`npx policygen validate\` to check this file. The reference of every key is in
# node_modules/policygen/docs/declaration.md.
policygen: 1

organization:
  name: ${q(answers.name)}
  contact:
    email: ${q(answers.email)}
  # The postal address is required by some laws (COPPA for children's services, PIPEDA, APPI).
  address:
    street: "1 Main Street"
    city: "Springfield"
    country: "United States"
${establishment(answers.jurisdictions)}
effective: "${new Date(Date.UTC(2025, 0, 1)).toISOString().slice(0, 10)}"

# Where the people you serve live: each code adds what its law requires (policygen schema
# lists them all).
jurisdictions: [${answers.jurisdictions.join(', ')}]

# Every category of personal information you collect, each with an id other sections use.
data:
  - id: contact
    kind: contact-details
    examples: [name, e-mail address]
    sources: [user]
    required: true
    required_because: we cannot answer you without it
    retention: 12 months after our last reply

# Why you use it.
purposes:
  - id: support
    description: answer your questions and requests
    data: [contact]
    legal_basis: legitimate-interests
    legitimate_interest: helping the people who contact us

# Who outside your organisation receives personal information; [] says no one does, and the
# policy will say so.
recipients: []
${answers.jurisdictions.includes('us-ca') ? SALE : ''}${answers.jurisdictions.some((c) => c === 'eea' || c === 'uk') ? AUTOMATED : ''}${answers.jurisdictions.includes('au') ? TRANSFERS : ''}
# How people ask to see, correct or delete their information.
rights:
  channels:
    - email: ${q(answers.email)}
  response_time: 15 days

changes:
  notice: [posted-on-page]
`;
}

/**
 * Where the organisation is established decides whether the GDPR, the UK GDPR or the FADP asks
 * for a representative; the starter states it for the laws chosen, as a sample to correct.
 */
function establishment(codes: readonly string[]): string {
  const local = codes.filter((c) => c === 'eea' || c === 'uk' || c === 'ch');
  if (local.length === 0) return '';
  return `  # Where you have an office or subsidiary (a sample: correct it). Where you have none in the
  # EEA, the UK or Switzerland, name a representative there (organization.representatives).
  established_in: [${local.join(', ')}]
`;
}

// Facts the policy states as written; the starter shows them so that they are answered, not assumed.
const SALE = `
# Whether you sell personal information, or share it for cross-context behavioural advertising:
# the policy states exactly these answers. Check them.
sale:
  sells: false
  shares: false
`;
const AUTOMATED = `
# Whether any decision with legal or similarly significant effects is made solely by automated
# means: the policy states this answer. Check it.
automated_decision_making: false
`;

const TRANSFERS = `
# Where personal information is stored, and whether it is disclosed to anyone in another
# country: the policy states these answers. Check them.
transfers:
  storage: [AU]
  cross_border: false
`;

export const STARTER_CONFIG = `# yaml-language-server: $schema=./node_modules/policygen/schemas/config.schema.json
# The policies this repository builds: \`npx policygen build\` writes them,
# \`npx policygen build --check\` fails in CI when one is out of date.
defaults:
  formats: [md, html, json]
  front_matter: [title, description, last_updated, locale, version]
policies:
  - input: policies/privacy.yaml
    output: site/privacy
`;

/**
 * Writes a starter declaration and a project config into `dir`. Refuses to replace an
 * existing file unless `force` is set.
 *
 * @returns the files written, relative to `cwd`, or the existing files that blocked it
 */
export async function init(
  dir: string,
  answers: InitAnswers,
  options: { force?: boolean; cwd: string },
): Promise<{ written: string[] } | { blocked: string[] } | { refused: string }> {
  const files = [
    { path: join(dir, 'policygen.config.yaml'), content: STARTER_CONFIG },
    { path: join(dir, 'policies', 'privacy.yaml'), content: starterDeclaration(answers) },
  ];
  const shown = (path: string) => relative(options.cwd, path) || path;
  // Nothing is written through a symbolic link, and a file where a folder goes is said plainly.
  for (const [path, folder] of [
    [dir, true],
    [join(dir, 'policies'), true],
    ...files.map((f) => [f.path, false] as const),
  ] as const) {
    const stat = lstatOrUndefined(path);
    if (stat?.isSymbolicLink())
      return { refused: `${shown(path)} is a symbolic link; init does not write through one` };
    if (stat && folder && !stat.isDirectory()) return { refused: `${shown(path)} is a file, not a folder` };
    if (stat && !folder && !stat.isFile()) return { refused: `${shown(path)} is not a regular file` };
  }
  const existing = files.filter((f) => existsSync(f.path)).map((f) => shown(f.path));
  if (existing.length && !options.force) return { blocked: existing };
  await mkdir(join(dir, 'policies'), { recursive: true });
  for (const file of files) await writeFile(file.path, file.content);
  return { written: files.map((f) => relative(options.cwd, f.path) || f.path) };
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
