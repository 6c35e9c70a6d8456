import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, type CompileOptions } from '../src/compile.js';
import { localeCodes } from '../src/locales.js';
import { rules } from '../src/rules/index.js';
import { minimal } from './helpers.js';

/**
 * The policy says exactly what the declaration says (docs/truthful-output.md). Each case below
 * was a sentence policygen used to write without the declaration saying it; each must now
 * appear only when its fact is declared, or the build must report the fact as missing.
 */
const base = minimal;
const markdown = (text: string, locale = 'en', options: CompileOptions = {}) => {
  const result = compile({ file: 'policy.yaml', text }, { formats: ['md'], locale, allowFallback: true, ...options });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.outputs[0]!.content;
};
const errors = (text: string) =>
  compile({ file: 'policy.yaml', text }, { formats: [] }).diagnostics.filter((d) => d.severity === 'error');
const jurisdictions = (codes: string) => base.replace('jurisdictions: [us]', `jurisdictions: [${codes}]`);

const advertising = `recipients:
  - id: ads
    kind: advertising-partner
    vendors: [{ name: Acme Ads }, { name: Globex }]
    description: measure how well our own advertising campaigns work
    data: [contact]
`;

describe('no default asserts a practice', () => {
  it('says nothing about selling or sharing unless the declaration does', () => {
    const md = markdown(base);
    expect(md).not.toMatch(/sell|cross-context/i);
    expect(markdown(`${base}sale:\n  sells: false\n  shares: false\n`)).toContain(
      'We do not sell personal information.',
    );
  });

  it('reports missing-fact for us-ca when selling and sharing are not declared, at the jurisdiction', () => {
    const found = errors(jurisdictions('us-ca')).filter((d) => d.code === 'missing-fact');
    expect(found.map((d) => d.pointer)).toEqual(['/jurisdictions/0', '/jurisdictions/0', '/jurisdictions/0']);
    expect(found[0]!.message).toMatch(/sold/);
    expect(found[0]!.citation).toContain('11 CCR § 7011(e)(1)(D)');
    const partial = errors(`${jurisdictions('us-ca')}sale:\n  sells: false\n`).filter((d) => d.code === 'missing-fact');
    expect(partial.map((d) => d.pointer)).toEqual(['/sale/shares', '/sale/minors_under_16']);
    // At the key of the mapping that lacks it.
    expect(partial[0]).toMatchObject({ line: base.split('\n').length, column: 1 });
  });

  it('asks how minors under 16 are treated only where data may be sold or shared', () => {
    const sells =
      `${jurisdictions('us-ca')}sale:\n  sells: true\n  shares: false\n  opt_out_url: https://example.com/opt-out\n`.replace(
        'recipients: []\n',
        'recipients:\n  - id: brokers\n    kind: data-broker\n    data: [contact]\n    sold: true\n',
      );
    expect(errors(sells).map((d) => d.pointer)).toContain('/sale/minors_under_16');
    expect(
      errors(`${jurisdictions('us-ca')}sale:\n  sells: false\n  shares: false\n`).filter(
        (d) => d.code === 'missing-fact',
      ),
    ).toEqual([]);
  });

  it('says nothing about automated decisions unless declared; the EEA needs the fact', () => {
    expect(markdown(base)).not.toMatch(/automated/i);
    expect(markdown(`${base}automated_decision_making: false\n`)).toContain(
      'We do not make decisions about you based solely on automated processing',
    );
    expect(errors(jurisdictions('eea')).map((d) => d.code)).toContain('missing-fact');
  });

  it("promises nothing about children's data collected by mistake unless if_collected says so", () => {
    const children = `${base}children:\n  directed_to_children: false\n  minimum_age: 13\n`;
    expect(markdown(children)).not.toMatch(/we will delete it/);
    expect(markdown(`${children}  if_collected: delete\n`)).toContain('we will delete it');
  });

  it('adds no use of aggregate statistics, and no retention boilerplate or invented criteria', () => {
    const md = markdown(
      base.replace(
        '    retention: 6 months after the account is closed\n',
        '    retention: 6 months after the account is closed\n    after_retention: aggregate\n',
      ),
    );
    expect(md).not.toMatch(/any purpose|only as long as we need|backups|how sensitive it is/);
    const unretained = base.replace('    retention: 6 months after the account is closed\n', '');
    expect(markdown(unretained, 'en', { rules: { 'retention-required': 'off' } })).not.toMatch(
      /how much of it there is|How long we keep/,
    );
  });

  it("states notify_user as declared, with no timing or exceptions added, and uses the recipient's own words", () => {
    const md = markdown(
      base.replace(
        'recipients: []\n',
        'recipients:\n  - id: courts\n    kind: public-authority\n    label: courts and regulators\n    description: receive information when a court order requires it\n    data: [contact]\n    notify_user: true\n',
      ),
    );
    expect(md).toContain(
      "We disclose contact details to courts and regulators, which receive information when a court order requires it. Where the law allows it, we tell the person concerned about the authority's request.",
    );
    expect(md).not.toMatch(/before we disclose|emergency|rights, property or safety|good faith/);
  });

  it('adds no promise to a business transfer', () => {
    const md = markdown(
      base.replace(
        'recipients: []\n',
        'recipients:\n  - id: buyer\n    kind: business-transfer\n    data: [contact]\n',
      ),
    );
    expect(md).toContain('We may disclose contact details to the other parties to a transfer');
    expect(md).not.toMatch(/require the recipient|different policy/);
  });

  it('says only what the breach notification declares, and keeps how when users are not notified', () => {
    const security = (fields: string) => `${base}security:\n  breach_notification:\n${fields}`;
    const users = markdown(security('    users: true\n'));
    expect(users).toContain('If a breach of security affects your personal information, we tell you.');
    expect(users).not.toMatch(/undue delay|promptly|contain it|will tell/);
    const byLaw = markdown(security('    users: where-required-by-law\n    regulators: where-required-by-law\n'));
    expect(byLaw).toContain('we tell you where the law requires us to.');
    expect(byLaw).toContain(
      'We notify the competent authorities of breaches of security that affect personal information where the law requires us to.',
    );
    expect(byLaw).not.toContain('we tell you.');
    expect(markdown(security('    users: false\n    how: We notify the affected business customers.\n'))).toContain(
      'We notify the affected business customers.',
    );
    expect(markdown(base)).not.toMatch(/How we protect|organisational measures|guarantee/);
  });

  it('does not name advertising or analytics providers as trackers unless declared', () => {
    const md = markdown(`${base}cookies:\n  technologies: [cookies]\n  third_party_tracking: true\n`);
    expect(md).toContain('Third parties may collect information about your online activities');
    expect(md).not.toMatch(/advertising/i);
  });

  it('describes interest-based advertising, and links industry programmes, only when declared', () => {
    const md = markdown(base.replace('recipients: []\n', advertising));
    expect(md).toContain(
      'We work with advertising partners, among them Acme Ads and Globex. They measure how well our own advertising campaigns work.',
    );
    expect(md).not.toMatch(/interest-based|Network Advertising Initiative|Digital Advertising Alliance/);
    const declared = markdown(
      base.replace(
        'recipients: []\n',
        `${advertising}    shared_for_advertising: true\n    industry_opt_outs: [nai]\n`,
      ) + 'sale:\n  shares: true\n',
    );
    expect(declared).toContain('interest-based');
    expect(declared).toContain('[Network Advertising Initiative](https://optout.networkadvertising.org/)');
    expect(declared).not.toContain('Digital Advertising Alliance');
  });

  it('never classifies a category as sensitive by its kind', () => {
    const credentials = base.replace('    kind: contact-details\n', '    kind: account-credentials\n');
    expect(errors(credentials).map((d) => [d.code, d.pointer])).toEqual([['missing-fact', '/data/0/sensitive']]);
    const md = markdown(
      credentials.replace('    kind: account-credentials\n', '    kind: account-credentials\n    sensitive: false\n'),
    );
    expect(md).not.toMatch(/sensitive/i);
  });

  it('says nothing about disclosures when recipients are not declared', () => {
    expect(errors(minimal.replace('recipients: []\n', '')).map((d) => [d.code, d.pointer])).toEqual([
      ['missing-fact', '/recipients'],
    ]);
    expect(markdown(base)).toContain('We do not disclose personal information to other companies or organisations.');
  });

  it('adds no default to requests, verification, marketing or changes', () => {
    const md = markdown(`${base}rights:\n  offered: [access, opt-out-marketing]\n  response_time: 30 days\n`);
    expect(md).toContain('We respond within 30 days of receiving your request.');
    expect(md).not.toMatch(
      /If we need more time|Verifying your identity|unsubscribe|Changes to this policy|as soon as we can/,
    );
  });
});

describe('nothing declared is lost', () => {
  const withCategory = minimal.replace(
    '    legal_basis: contract\n',
    '    legal_basis: contract\n    category: business\n',
  );

  it('warns about a declared field that no sentence states, at its position', () => {
    const { diagnostics } = compile({ file: 'policy.yaml', text: withCategory }, { formats: ['md'] });
    expect(diagnostics.map((d) => [d.code, d.severity, d.pointer, d.line])).toEqual([
      ['unused-field', 'warning', '/purposes/0/category', 19],
    ]);
    // Under California law the distinction is printed, so the field is used.
    const california =
      withCategory.replace('jurisdictions: [us]', 'jurisdictions: [us-ca]') +
      'sale:\n  sells: false\n  shares: false\n';
    expect(
      compile({ file: 'policy.yaml', text: california }, { formats: ['md'] }).diagnostics.filter(
        (d) => d.code === 'unused-field',
      ),
    ).toEqual([]);
  });

  it('reports the same from a cached render, and as an error with --strict', () => {
    const first = compile({ file: 'policy.yaml', text: withCategory }, { formats: ['md'] }).diagnostics;
    const again = compile(
      { file: 'policy.yaml', text: withCategory.replace('name: Example', 'name: Other') },
      { formats: ['md'] },
    ).diagnostics;
    expect(again).toEqual(first);
    const strict = compile({ file: 'policy.yaml', text: withCategory }, { formats: ['md'], strict: true });
    expect(strict.outputs).toEqual([]);
    expect(strict.diagnostics.map((d) => d.severity)).toEqual(['error']);
  });

  it("uses recipients' own descriptions, vendors' privacy policies and the reasons for optional data", () => {
    const md = markdown(
      minimal
        .replace(
          'recipients: []\n',
          'recipients:\n  - id: hosts\n    kind: service-provider\n    data: [contact]\n    vendors: [{ name: Acme, privacy_policy: https://acme.example/privacy }]\n',
        )
        .replace(
          '    retention: 6 months',
          '    required: false\n    required_because: it lets us answer you faster\n    retention: 6 months',
        ),
    );
    expect(md).toContain('The recipients include Acme ([privacy policy](https://acme.example/privacy)).');
    expect(md).toContain('- **Contact details:** it lets us answer you faster.');
  });
});

describe('unused-field is exact', () => {
  const warnings = (text: string, formats: ('md' | 'html' | 'json')[] = ['md']) =>
    compile({ file: 'policy.yaml', text }, { formats })
      .diagnostics.filter((d) => d.code === 'unused-field')
      .map((d) => d.pointer);
  const authority = (extra: string) =>
    minimal.replace(
      'recipients: []\n',
      `recipients:\n  - id: police\n    kind: public-authority\n    data: [contact]\n${extra}`,
    );

  it('is not handed from one declaration to another by the render cache', () => {
    // The same view: vendors: [] is the default written out, and no sentence states it.
    const written = authority('    vendors: []\n');
    const left = authority('');
    expect(warnings(written)).toEqual(['/recipients/0/vendors']);
    expect(warnings(left)).toEqual([]);
    expect(warnings(written)).toEqual(['/recipients/0/vendors']);
  });

  it('takes a severity like a rule', () => {
    const text = authority('    vendors: []\n');
    expect(
      compile({ file: 'policy.yaml', text }, { formats: ['md'], rules: { 'unused-field': 'off' } }).diagnostics,
    ).toEqual([]);
    const error = compile({ file: 'policy.yaml', text }, { formats: ['md'], rules: { 'unused-field': 'error' } });
    expect([error.outputs, error.diagnostics.map((d) => d.severity)]).toEqual([[], ['error']]);
  });

  it('is reported by validate (no formats) as by build', () => {
    expect(warnings(authority('    vendors: []\n'), [])).toEqual(['/recipients/0/vendors']);
  });

  it("counts an advertiser's industry programmes and a label's proper_name as used", () => {
    const programmes = minimal.replace(
      'recipients: []\n',
      'recipients:\n  - id: ads\n    kind: advertising-partner\n    label: Acme Ads\n    proper_name: true\n    data: [contact]\n    industry_opt_outs: [nai, daa]\n',
    );
    expect(warnings(programmes)).toEqual([]);
    expect(markdown(programmes)).toContain('[Digital Advertising Alliance](https://optout.aboutads.info/)');
    const elsewhere = programmes.replace('kind: advertising-partner', 'kind: analytics-provider');
    expect(errors(elsewhere).map((d) => [d.code, d.pointer])).toEqual([
      ['contradiction', '/recipients/0/industry_opt_outs'],
    ]);
  });
});

describe('with missing-fact switched off, silence still says nothing', () => {
  it('shows "Not stated", not "Not disclosed", when recipients are not declared', () => {
    const md = markdown(minimal.replace('recipients: []\n', ''), 'en', { rules: { 'missing-fact': 'warn' } });
    expect(md).toContain('| Not stated |');
    expect(md).not.toMatch(/Not disclosed|We do not disclose/);
  });

  it('shows "Not stated" in the California table when selling and sharing are not declared', () => {
    const md = markdown(jurisdictions('us-ca'), 'en', {
      rules: {
        'missing-fact': 'off',
        'do-not-track-disclosure': 'off',
        'third-party-tracking-disclosure': 'off',
        'changes-notice-stated': 'off',
        'request-channel-required': 'off',
      },
    });
    // Disclosed for a business purpose to no one (recipients: [] is declared); sold or shared: not stated.
    expect(md).toContain('| provide the service | No one | Not stated |');
  });
});

describe('contradictions are caught', () => {
  const codes = (text: string) => errors(text).map((d) => d.code);

  it('sensitive data declared not sensitive (an error), or named in the examples of an ordinary category (a warning)', () => {
    const warnings = (text: string) =>
      compile({ file: 'policy.yaml', text }, { formats: [] }).diagnostics.filter(
        (d) => d.code === 'sensitive-examples',
      );
    expect(
      warnings(base.replace('examples: [name, e-mail address]', 'examples: [name, ethnic origin]')).map((d) => [
        d.severity,
        d.pointer,
      ]),
    ).toEqual([['warning', '/data/0/examples/1']]);
    // Ordinary English that only looks alike: no finding.
    expect(
      warnings(
        base.replace('examples: [name, e-mail address]', 'examples: [crash diagnostics, race results, server health]'),
      ),
    ).toEqual([]);
    // Each declared law against its own list: health is sensitive under the CCPA, political
    // opinions are not (Cal. Civ. Code § 1798.140(ae)) but are under the GDPR (Art. 9(1)), and
    // COPPA alone has no list of sensitive information.
    const declaredAs = (kind: string, laws: string) =>
      codes(
        base
          .replace('    kind: contact-details\n', `    kind: ${kind}\n    sensitive: false\n`)
          .replace('jurisdictions: [us]', `jurisdictions: [${laws}]`),
      );
    expect(declaredAs('health', 'us, us-ca')).toContain('sensitive-contradiction');
    expect(declaredAs('political-opinions', 'us, us-ca')).not.toContain('sensitive-contradiction');
    expect(declaredAs('political-opinions', 'eea')).toContain('sensitive-contradiction');
    expect(declaredAs('health', 'us')).not.toContain('sensitive-contradiction');
    expect(declaredAs('criminal-records', 'eea')).not.toContain('sensitive-contradiction');
    expect(declaredAs('criminal-records', 'ch')).toContain('sensitive-contradiction');
  });

  it("parental consent beside a declaration that children's data is not collected", () => {
    expect(
      codes(
        `${base}not_collected: [children-data]\nchildren:\n  directed_to_children: false\n  minimum_age: 13\n  parental_consent: A parent confirms by e-mail.\n`,
      ),
    ).toContain('children-contradiction');
    expect(
      codes(base.replace('    kind: contact-details\n', '    kind: children-data\n    sensitive: true\n')),
    ).toContain('children-contradiction');
  });

  it('a strictly necessary cookie for a purpose an advertising partner carries out', () => {
    const cookie = `${base.replace('recipients: []\n', `${advertising}    purposes: [service]\n`)}cookies:\n  technologies: [cookies]\n  items:\n    - { name: _ga, provider: Globex, purpose: service, duration: 1 year, party: third, category: strictly-necessary }\n`;
    expect(codes(cookie)).toContain('cookie-purpose-contradiction');
    expect(codes(cookie.replace('strictly-necessary', 'advertising'))).not.toContain('cookie-purpose-contradiction');
    // A vendor's name alone says nothing: the same company may set a security cookie.
    expect(codes(cookie.replace('    purposes: [service]\n', ''))).not.toContain('cookie-purpose-contradiction');
  });

  it('a declared negative that another declared fact contradicts', () => {
    const described = base.replace(
      '    legal_basis: contract\n',
      '    legal_basis: contract\n    automated_decisions: We score sign-ups for fraud risk.\n',
    );
    expect(codes(`${described}automated_decision_making: false\n`)).toContain('automated-decisions-contradiction');
    expect(codes(`${base}automated_decision_making: true\n`)).toContain('automated-decisions-contradiction');
    expect(
      codes(
        base.replace(
          'recipients: []\n',
          'recipients:\n  - id: brokers\n    kind: data-broker\n    data: [contact]\n    sold: true\n',
        ) + 'sale:\n  sells: false\n',
      ),
    ).toContain('sale-contradiction');
    // Sharing declared with no one to share with.
    expect(codes(`${base}sale:\n  sells: false\n  shares: true\n`)).toContain('sale-contradiction');
  });
});

describe('prose a careful editor would sign', () => {
  it("builds lists with the locale's list format: no serial comma for two items", () => {
    const md = markdown(
      base.replace(
        'recipients: []\n',
        'recipients:\n  - id: hosts\n    kind: service-provider\n    vendors: [{ name: Acme }, { name: Globex }]\n    data: [contact]\n',
      ),
    );
    expect(md).toContain('The recipients include Acme and Globex.');
  });

  it('writes vocabulary names in lower case mid-sentence, where the locale does', () => {
    const md = markdown(base);
    expect(md).toContain('Information used: contact details.');
    expect(markdown(base, 'de')).toContain('Kontaktdaten');
  });

  it('writes declared labels that are noun phrases in lower case mid-sentence, but not proper names', () => {
    const labelled = (extra: string) =>
      minimal
        .replace('    kind: contact-details\n', `    kind: contact-details\n    label: Account details\n${extra}`)
        .replace(
          'recipients: []\n',
          'recipients:\n  - id: pay\n    kind: payment-processor\n    label: Stripe payments\n    proper_name: true\n    data: [contact]\n  - id: host\n    kind: service-provider\n    label: Hosting provider\n    data: [contact]\n',
        );
    const md = markdown(labelled(''));
    expect(md).toContain('Information used: account details.');
    expect(md).toContain('| Account details |');
    expect(markdown(labelled('    proper_name: true\n'))).toContain('Information used: Account details.');
    expect(markdown(labelled(''), 'de')).toContain('Account details');
  });

  it('writes German adjectives in lower case mid-sentence, nouns and proper names as they are', () => {
    const german = (label: string, extra = '') =>
      minimal
        .replace('    kind: contact-details\n', `    kind: contact-details\n    label: ${label}\n${extra}`)
        .replace('purposes:', 'not_collected: [biometric]\npurposes:');
    const md = markdown(german('Technische Daten'), 'de');
    expect(md).toContain('technische Daten');
    expect(md).toContain('biometrische Daten');
    expect(md).not.toMatch(/[a-zäöü] Biometrische Daten/);
    expect(markdown(german('Kontaktdaten'), 'de')).toContain('Kontaktdaten');
    expect(markdown(german('Software Development Kits'), 'de')).not.toContain('software Development');
    expect(markdown(german('Technische Daten', '    proper_name: true\n'), 'de')).not.toContain('technische Daten');
  });

  it('writes a hyphenated label ("E-mail engagement") in lower case mid-sentence too', () => {
    const md = markdown(
      minimal.replace('    kind: contact-details\n', '    kind: contact-details\n    label: E-mail engagement\n'),
    );
    expect(md).toContain('Information used: e-mail engagement.');
  });

  it('prints the purposes a recipient receives information for, and no longer lets them pass unread', () => {
    const recipient = (extra: string) =>
      `${minimal.replace('recipients: []\n', `recipients:\n  - id: host\n    kind: service-provider\n    description: host our servers\n    data: [contact]\n${extra}`)}`;
    const md = markdown(recipient('    purposes: [service]\n'));
    expect(md).toContain('so that they can host our servers. We do so to provide the service.');
    expect(markdown(recipient(''))).not.toContain('We do so');
  });

  it("speaks of parental consent to a child's data only when the declaration declares a way to give it", () => {
    const children = (extra: string) =>
      `${minimal}children:\n  directed_to_children: false\n  minimum_age: 13\n  if_collected: delete\n${extra}`;
    const without = markdown(children(''));
    expect(without).toContain('we do not knowingly collect personal information from anyone under 13.');
    expect(without).toContain('from a child under 13, we will delete it.');
    expect(without).not.toMatch(/consent of a parent|consent required/);
    // Collecting with a parent's consent makes COPPA's online notice apply (16 CFR 312.3), which
    // asks for the operator's postal address (postal-address-required); this test reads wording.
    const withConsent = markdown(
      children('  parental_consent: A parent confirms by e-mail.\n  public_posting: false\n'),
      'en',
      {
        rules: { 'postal-address-required': 'off' },
      },
    );
    expect(withConsent).toContain('under 13 without the consent of a parent or guardian.');
    expect(withConsent).toContain('without the consent required, we will delete it.');
  });

  it('under the PIPL, states parental consent below the minimum age, and requires the Art. 31(2) special rules', () => {
    const children = (extra: string) =>
      `${jurisdictions('cn')}children:\n  directed_to_children: false\n  minimum_age: 14\n  parental_consent: A parent agrees when the account is created.\n${extra}`;
    const gap = compile({ file: 'policy.yaml', text: children('') }, { formats: [] }).diagnostics.filter(
      (d) => d.code === 'missing-fact' && (d.pointer ?? '').startsWith('/children'),
    );
    expect(gap.map((d) => [d.pointer, d.citation])).toEqual([
      ['/children/special_rules_url', 'PIPL Art. 31(2)'],
      ['/children/necessity', 'PIPL Art. 30'],
    ]);
    const others = Object.fromEntries(rules.filter((r) => r.id !== 'missing-fact').map((r) => [r.id, 'off' as const]));
    const md = markdown(
      children('  special_rules_url: https://example.com/children\n  necessity: We need it to run the account.\n'),
      'en',
      { rules: others },
    );
    expect(md).toContain(
      'Below the age of 14, we handle personal information only with the consent of a parent or other guardian',
    );
    expect(md).not.toContain('our minimum age is 14');
    expect(md).toContain(
      'Our special rules for handling the personal information of minors are published at [https://example.com/children](https://example.com/children).',
    );
  });

  it('lists as business-purpose disclosures (CCPA) neither a possible business transfer nor what users publish', () => {
    const others = Object.fromEntries(rules.map((r) => [r.id, 'off' as const]));
    const recipients = `recipients:
  - id: hosting
    kind: service-provider
    label: hosting providers
    data: [contact]
  - id: buyer
    kind: business-transfer
    data: [contact]
  - id: readers
    kind: other-users
    data: [contact]
sale:
  sells: false
  shares: false
`;
    const md = markdown(jurisdictions('us-ca').replace('recipients: []\n', recipients), 'en', { rules: others });
    const ccpa = md.slice(md.indexOf('### Personal information we collect, use and disclose'));
    const row = ccpa.split('\n').find((line) => line.startsWith('| Contact details |'))!;
    expect(row).toContain('| hosting providers |');
    expect(row).not.toMatch(/transfer|users/i);
  });

  it('states a category sensitive only under the laws declared for it (a password: the CCPA, not GDPR Art. 9)', () => {
    const text = `${jurisdictions('eea, us-ca')}data:
  - id: contact
    kind: contact-details
    examples: [name, e-mail address]
    sources: [user]
    retention: 6 months after the account is closed
  - id: password
    kind: account-credentials
    label: Password
    sources: [user]
    sensitive: [us-ca]
    retention: 6 months after the account is closed
  - id: health
    kind: health
    label: Health notes
    sources: [user]
    sensitive: true
    special_condition: explicit-consent
    retention: 6 months after the account is closed
`
      .replace(
        /data:\n {2}- id: contact\n {4}kind: contact-details\n {4}examples: \[name, e-mail address\]\n {4}sources: \[user\]\n {4}retention: 6 months after the account is closed\n(?=purposes)/,
        '',
      )
      .replace('    data: [contact]\n', '    data: [contact, password, health]\n');
    const others = Object.fromEntries(
      rules.filter((r) => r.id === 'transfer-mechanism-applies').map((r) => [r.id, 'off' as const]),
    );
    const result = compile(
      { file: 'policy.yaml', text },
      {
        formats: ['md'],
        rules: {
          ...others,
          'missing-fact': 'off',
          'representative-required': 'off',
          'dpo-required': 'off',
          'postal-address-required': 'off',
          'retention-required': 'off',
          'do-not-track-disclosure': 'off',
          'third-party-tracking-disclosure': 'off',
          'changes-notice-stated': 'off',
          'request-channel-required': 'off',
          'sale-opt-out-link': 'off',
          'limit-sensitive-link': 'off',
          'legal-basis-required': 'off',
        },
      },
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    const md = result.outputs[0]!.content;
    expect(md).toContain('| Password (sensitive under the CCPA) |');
    const eea = md.slice(md.indexOf('**Special categories of data.**'));
    expect(eea.slice(0, eea.indexOf('\n'))).toContain('health notes: your explicit consent');
    expect(eea.slice(0, eea.indexOf('\n'))).not.toMatch(/password/i);
    // A kind sensitive under every law cannot be declared sensitive under some of them only.
    const partial = compile(
      {
        file: 'policy.yaml',
        text: text.replace(
          '    sensitive: true\n    special_condition: explicit-consent\n',
          '    sensitive: [us-ca]\n',
        ),
      },
      { formats: [] },
    );
    expect(partial.diagnostics.find((d) => d.code === 'sensitive-contradiction')?.message).toContain(
      'declared sensitive only under us-ca, not under eea',
    );
  });

  it('says of a business transfer only that information may go to its parties, not which events count', () => {
    const md = markdown(
      minimal.replace(
        'recipients: []\n',
        'recipients:\n  - id: buyer\n    kind: business-transfer\n    data: [contact]\n',
      ),
    );
    expect(md).toContain(
      'We may disclose contact details to the other parties to a transfer of all or part of our business.',
    );
    expect(md).not.toMatch(/merger|financing|bankruptcy|reorganisation/);
  });

  it('does not say that joining a programme is optional or that one can leave at any time', () => {
    const md = markdown(
      `${minimal}programs:\n  - id: club\n    kind: loyalty\n    name: Bakers' club\n    data: [contact]\n    opt_out: Write to us.\n`,
    );
    expect(md).toContain('**How to leave:** Write to us.');
    expect(md).not.toMatch(/optional|at any time/);
  });

  it('names the DPO only when the name says more than the role the sentence already names', () => {
    const dpo = (name: string) =>
      minimal.replace(
        '    email: privacy@example.com\n',
        `    email: privacy@example.com\n  dpo:\n    name: ${name}\n    email: dpo@example.com\n`,
      );
    expect(markdown(dpo('Data Protection Officer'))).toContain('You can also contact our data protection officer at');
    expect(markdown(dpo('Data Protection Officer'))).not.toContain('officer, Data Protection Officer');
    expect(markdown(dpo('Aoife Byrne'))).toContain('our data protection officer, Aoife Byrne, at');
    expect(markdown(dpo('Datenschutzbeauftragter'), 'de')).not.toContain(
      'Datenschutzbeauftragter, Datenschutzbeauftragter',
    );
    // The jurisdiction sections that name the officer do the same.
    const others = Object.fromEntries(rules.map((r) => [r.id, 'off' as const]));
    for (const code of ['br', 'in', 'kr', 'sg']) {
      const md = markdown(
        dpo('Data Protection Officer').replace('jurisdictions: [us]', `jurisdictions: [${code}]`),
        'en',
        { rules: others },
      );
      expect(md, code).not.toMatch(/, Data Protection Officer|is Data Protection Officer/);
      expect(
        markdown(dpo('Aoife Byrne').replace('jurisdictions: [us]', `jurisdictions: [${code}]`), 'en', {
          rules: others,
        }).match(/Aoife Byrne/g)!.length,
        code,
      ).toBeGreaterThan(1);
    }
  });

  it('words consent to a transfer as each law defines it (GDPR Art. 49(1)(a), APP 8.2(b) …)', () => {
    const transfers = (codes: string) =>
      `${jurisdictions(codes)}transfers:\n  storage: [US]\n  cross_border: true\n  mechanisms: [consent]\n`;
    const others = Object.fromEntries(
      rules.filter((r) => r.id !== 'transfer-mechanism-applies').map((r) => [r.id, 'off' as const]),
    );
    const md = markdown(transfers('eea, au'), 'en', { rules: others });
    expect(md).toContain(
      '- European Economic Area: your explicit consent to the transfer, given after you were told of its possible risks (GDPR Art. 49(1)(a))',
    );
    expect(md).toContain('given after you were told expressly that, if you consent, we need not ensure the recipient');
    expect(md).not.toMatch(/: your consent$/m);
  });

  it('cites Art. 8(1) where the GDPR and the UK GDPR sections state the age of digital consent', () => {
    const others = Object.fromEntries(rules.map((r) => [r.id, 'off' as const]));
    const md = markdown(
      `${jurisdictions('eea, uk')}children:\n  directed_to_children: false\n  minimum_age: 16\n`,
      'en',
      { rules: others },
    );
    expect(md).toMatch(/the holder of parental responsibility \(Article 8\(1\) of the GDPR\)\./);
    expect(md).toMatch(/the holder of parental responsibility \(Article 8\(1\) of the UK GDPR\)\./);
  });

  it('states a right offered to everyone once, not once per right', () => {
    // Only the rights themselves matter here: the EEA's other requirements are switched off.
    const others = Object.fromEntries(rules.filter((r) => r.id !== 'missing-fact').map((r) => [r.id, 'off' as const]));
    const md = markdown(
      `${jurisdictions('eea').replace('  name: Example\n', '  name: Example\n  established_in: [eea]\n')}automated_decision_making: false\nrights:\n  offered: [access, deletion]\n`,
      'en',
      { rules: others },
    );
    expect(md).toContain('We offer these rights to everyone, wherever they live: access and deletion.');
    expect(md.match(/to everyone/g)).toHaveLength(1);
  });

  it('repeats no statement within any example policy (a pointer to another section aside)', () => {
    for (const name of readdirSync(new URL('../examples/', import.meta.url)).filter((f) => f.endsWith('.yaml'))) {
      const md = markdown(readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8'));
      const sentences = md
        .split('\n')
        .filter((line) => line && !/^(#|\||- )/.test(line))
        .flatMap((line) => line.split(/(?<=[.!?])\s+/))
        .filter((s) => s.length > 40 && !s.includes('](#'));
      expect(
        sentences.filter((s, i) => sentences.indexOf(s) !== i),
        name,
      ).toEqual([]);
    }
  });

  it('repeats no sentence within a policy, in any locale', () => {
    for (const locale of localeCodes()) {
      const md = markdown(`${base}sale:\n  sells: false\n  shares: false\nautomated_decision_making: false\n`, locale);
      const sentences = md
        .split('\n')
        .filter((line) => line && !line.startsWith('#') && !line.startsWith('|'))
        .flatMap((line) => line.split(/(?<=[.!?])\s+|(?<=[。！？])/u))
        .filter((s) => s.length > 20);
      const repeated = sentences.filter((s, i) => sentences.indexOf(s) !== i);
      expect(repeated, locale).toEqual([]);
    }
  });
});

describe('what a declared law needs the declaration to say (issue 13)', () => {
  const missing = (text: string) =>
    compile({ file: 'policy.yaml', text }, { formats: [] })
      .diagnostics.filter((d) => d.code === 'missing-fact')
      .map((d) => [d.pointer, d.citation]);
  const noRules = Object.fromEntries(rules.filter((r) => r.id !== 'missing-fact').map((r) => [r.id, 'off' as const]));
  const authority = (codes: string, extra = '') =>
    jurisdictions(codes).replace(
      'recipients: []\n',
      `recipients:\n  - id: police\n    kind: public-authority\n    data: [contact]\n${extra}`,
    );

  it('asks the purpose of a disclosure to an authority under GDPR / UK GDPR Art. 13(1)(c) and FADP Art. 19(2)(b), not elsewhere', () => {
    expect(missing(authority('eea, uk, ch')).filter(([p]) => p === '/recipients/0/purposes')).toEqual([
      ['/recipients/0/purposes', 'GDPR Art. 13(1)(c); UK GDPR Art. 13(1)(c); FADP Art. 19(2)(b)'],
    ]);
    expect(missing(authority('us'))).toEqual([]);
    expect(
      missing(authority('eea', '    purposes: [service]\n')).filter(([p]) => p === '/recipients/0/purposes'),
    ).toEqual([]);
  });

  const abroad = (vendor: string, extra = '') =>
    `${jurisdictions('cn').replace(
      'recipients: []\n',
      `recipients:\n  - id: cloud\n    kind: service-provider\n    description: store our backups\n    data: [contact]\n    locations: [SG]\n${vendor}`,
    )}transfers:\n  storage: [CN]\n  cross_border: true\n  mechanisms: [standard-contract]\n  separate_consent: true\n${extra}`;

  it("requires each overseas recipient's name and contact, and how to exercise rights against it (PIPL Art. 39)", () => {
    const gaps = (text: string) =>
      missing(text)
        .filter(([, c]) => c === 'PIPL Art. 39')
        .map(([p]) => p);
    expect(gaps(abroad(''))).toEqual(['/recipients/0/vendors', '/recipients/0/handling', '/transfers/rights_abroad']);
    expect(gaps(abroad('    vendors: [{ name: Example Cloud }]\n'))).toEqual([
      '/recipients/0/handling',
      '/recipients/0/vendors',
      '/recipients/0/vendors/0/contact',
      '/transfers/rights_abroad',
    ]);
    const named = '    vendors: [{ name: Example Cloud, contact: { email: dpo@cloud.example } }]\n';
    // Every overseas recipient is named only if the list is declared complete ("these are").
    expect(gaps(abroad(named))).toEqual([
      '/recipients/0/handling',
      '/recipients/0/vendors',
      '/transfers/rights_abroad',
    ]);
    expect(gaps(abroad(`${named}    vendors_complete: false\n`))).toEqual([
      '/recipients/0/handling',
      '/recipients/0/vendors_complete',
      '/transfers/rights_abroad',
    ]);
    expect(gaps(abroad(`${named}    vendors_complete: true\n`))).toEqual([
      '/recipients/0/handling',
      '/transfers/rights_abroad',
    ]);
    const full = abroad(
      '    vendors: [{ name: Example Cloud, contact: { email: dpo@cloud.example, phone: "+65 5550 0100" } }]\n    vendors_complete: true\n    handling: storage on servers in Singapore\n',
      '  rights_abroad: Write to us and we pass your request on.\n',
    );
    expect(gaps(full)).toEqual([]);
    const md = markdown(full, 'en', { rules: noRules });
    expect(md).toContain(
      '- Service providers (Example Cloud, contact: [dpo@cloud.example](mailto:dpo@cloud.example), telephone +65 5550 0100); located in Singapore; information provided: contact details; purpose: to store our backups; method of handling: storage on servers in Singapore.',
    );
    expect(md).toContain(
      'How you can exercise your PIPL rights against these recipients: Write to us and we pass your request on.',
    );
    expect(md).toContain('The recipient is Example Cloud.');
    // A recipient inside mainland China needs none of it.
    expect(gaps(abroad('', '').replace('locations: [SG]', 'locations: [CN]'))).toEqual([]);
  });

  it('asks why each sensitive category is necessary and how it affects the person (PIPL Art. 30), and lists it with that text', () => {
    const sensitive = (extra: string) =>
      jurisdictions('cn').replace(
        '    retention: 6 months after the account is closed\n',
        `    retention: 6 months after the account is closed\n    sensitive: true\n${extra}`,
      );
    expect(missing(sensitive('')).filter(([, c]) => c === 'PIPL Art. 30')).toEqual([
      ['/data/0/necessity', 'PIPL Art. 30'],
    ]);
    const md = markdown(
      sensitive('    necessity: We need it to reach you; if it leaked you could receive unwanted mail.\n'),
      'en',
      { rules: noRules },
    );
    expect(md).toContain(
      '- **Contact details**. We need it to reach you; if it leaked you could receive unwanted mail.',
    );
    // Not sensitive under the PIPL: nothing asked.
    expect(
      missing(sensitive('').replace('sensitive: true', 'sensitive: [us-ca]').replace('[cn]', '[cn, us-ca]')).filter(
        ([, c]) => c === 'PIPL Art. 30',
      ),
    ).toEqual([]);
  });

  it('asks where each recipient that could be abroad handles information, so the Art. 39 list is never silently short', () => {
    const withOthers = abroad('').replace(
      'recipients:\n',
      'recipients:\n  - id: partners\n    kind: service-provider\n    data: [contact]\n  - id: police\n    kind: public-authority\n    data: [contact]\n  - id: buyer\n    kind: business-transfer\n    data: [contact]\n',
    );
    const located = missing(withOthers).filter(([p]) => p?.endsWith('/locations'));
    // The partners could be abroad; an authority or a successor not yet known is not listed.
    expect(located).toEqual([['/recipients/0/locations', 'PIPL Art. 39']]);
    expect(
      missing(
        withOthers.replace(
          '    kind: service-provider\n    data: [contact]\n  - id: police',
          '    kind: service-provider\n    data: [contact]\n    locations: [CN]\n  - id: police',
        ),
      ).filter(([p]) => p?.endsWith('/locations')),
    ).toEqual([]);
    // Nothing leaves mainland China: no recipient is asked.
    expect(
      missing(withOthers.replace('cross_border: true', 'cross_border: false')).filter(([p]) =>
        p?.endsWith('/locations'),
      ),
    ).toEqual([]);
  });

  it("names an overseas recipient's declared purposes, not its description, as the Art. 39 purpose", () => {
    const full = abroad(
      '    purposes: [service]\n    vendors: [{ name: Example Cloud, contact: { email: dpo@cloud.example } }]\n    vendors_complete: true\n    handling: storage on servers in Singapore\n',
      '  rights_abroad: Write to us and we pass your request on.\n',
    );
    expect(markdown(full, 'en', { rules: noRules })).toContain(
      'information provided: contact details; purposes: to provide the service; method of handling: storage on servers in Singapore.',
    );
  });

  it("lists minors' personal information as sensitive where minors under 14 are admitted, and asks why it is necessary (PIPL Arts. 28 and 30)", () => {
    const minors = (children: string) => `${jurisdictions('cn')}children:\n${children}`;
    const consent =
      '  directed_to_children: false\n  minimum_age: 14\n  special_rules_url: https://example.com/children\n  parental_consent: A parent gives separate consent when the account is created.\n';
    expect(missing(minors(consent)).filter(([, c]) => c === 'PIPL Art. 30')).toEqual([
      ['/children/necessity', 'PIPL Art. 30'],
    ]);
    const md = markdown(minors(`${consent}  necessity: We need it to run the child's account.\n`), 'en', {
      rules: noRules,
    });
    expect(md).toContain(
      "- **Personal information of minors under 14**, which we handle only with the consent of a parent or other guardian, given as described in [Children](#children). We need it to run the child's account.",
    );
    expect(md).toContain('Handling it requires the separate consent of a parent or other guardian');
    // No minor admitted: nothing asked, no such item.
    const adults = minors('  directed_to_children: false\n  minimum_age: 18\n');
    expect(missing(adults).filter(([, c]) => c === 'PIPL Art. 30')).toEqual([]);
    expect(markdown(adults, 'en', { rules: noRules })).not.toContain('Personal information of minors under');
  });

  it('states the PIPL Art. 22 duty only where a business transfer is declared', () => {
    const transfer = jurisdictions('cn').replace(
      'recipients: []\n',
      'recipients:\n  - id: buyer\n    kind: business-transfer\n    data: [contact]\n',
    );
    expect(markdown(transfer, 'en', { rules: noRules })).toContain(
      "tell you the recipient's name and contact details; the recipient takes over the handler's obligations",
    );
    expect(markdown(jurisdictions('cn'), 'en', { rules: noRules })).not.toContain('Art. 22');
  });
});

describe('response times per jurisdiction (issue 13)', () => {
  const rights = (codes: string, lines: string) =>
    `${jurisdictions(codes)}rights:\n  channels:\n    - email: privacy@example.com\n${lines}`;
  const deadlines = (text: string) =>
    compile({ file: 'policy.yaml', text }, { formats: [] })
      .diagnostics.filter((d) => d.code === 'response-time-deadline' || d.code === 'unknown-reference')
      .map((d) => [d.code, d.pointer]);

  it('checks each law against its own time, and the general time against the rest', () => {
    expect(deadlines(rights('eea, us-ca', '  response_time: 45 days\n'))).toEqual([
      ['response-time-deadline', '/rights/response_time'],
    ]);
    expect(
      deadlines(rights('eea, us-ca', '  response_time: 1 month\n  response_times:\n    us-ca: 45 days\n')),
    ).toEqual([]);
    expect(
      deadlines(rights('eea, us-ca', '  response_time: 1 month\n  response_times:\n    us-ca: 60 days\n')),
    ).toEqual([['response-time-deadline', '/rights/response_times/us-ca']]);
    // A general time that only the overridden law allows is still checked against the others.
    expect(
      deadlines(rights('eea, us-ca', '  response_time: 45 days\n  response_times:\n    us-ca: 45 days\n')),
    ).toEqual([['response-time-deadline', '/rights/response_time']]);
  });

  it('refuses a jurisdiction that is not declared, with a did-you-mean', () => {
    const found = compile(
      { file: 'policy.yaml', text: rights('us-ca', '  response_times:\n    us-va: 45 days\n') },
      { formats: [] },
    ).diagnostics.find((d) => d.code === 'unknown-reference')!;
    expect(found).toMatchObject({ pointer: '/rights/response_times/us-va', line: 24, hint: 'Did you mean "us-ca"?' });
  });

  it('states each time in the policy, naming the place', () => {
    const md = markdown(
      rights('eea, us-ca', '  response_time: 1 month\n  response_times:\n    us-ca: 45 days\n'),
      'en',
      { rules: Object.fromEntries(rules.map((r) => [r.id, 'off' as const])) },
    );
    expect(md).toContain(
      'We respond within 1 month of receiving your request.\n\nWhere the law of one of the following places applies to your request, we respond instead within the time given for it:\n\n- California: within 45 days of receiving it\n',
    );
  });
});

describe("a recipient's role is declared, not guessed from its kind (issue 13)", () => {
  const withRecipient = (codes: string, extra: string) =>
    jurisdictions(codes).replace(
      'recipients: []\n',
      `recipients:\n  - id: pay\n    kind: payment-processor\n    description: take card payments\n    data: [contact]\n    purposes: [service]\n${extra}`,
    );
  const gaps = (text: string) =>
    compile({ file: 'policy.yaml', text }, { formats: [] })
      .diagnostics.filter((d) => d.code === 'missing-fact' && d.pointer === '/recipients/0/role')
      .map((d) => d.citation);

  it('asks for it where a section tells third parties apart (VCDPA, CPA, CTDPA, PIPA), not elsewhere', () => {
    expect(gaps(withRecipient('us-va', ''))).toEqual(['Va. Code § 59.1-578(C)(5); § 59.1-575 (third party)']);
    expect(gaps(withRecipient('us', ''))).toEqual([]);
    expect(gaps(withRecipient('us-va', '    role: independent\n'))).toEqual([]);
  });

  it('classifies the recipient as declared, and says so in the sharing section', () => {
    const others = Object.fromEntries(rules.filter((r) => r.id !== 'missing-fact').map((r) => [r.id, 'off' as const]));
    const sale = 'sale:\n  sells: false\n  shares: false\n';
    const independent = markdown(`${withRecipient('us-va', '    role: independent\n')}${sale}`, 'en', {
      rules: others,
    });
    expect(independent).toMatch(/\| Payment processors \| Third party \|/);
    expect(independent).toContain('They decide for themselves why and how they use this information.');
    const processor = markdown(`${withRecipient('us-va', '    role: processor\n')}${sale}`, 'en', { rules: others });
    expect(processor).toMatch(/\| Payment processors \| Processor acting on our behalf \|/);
    expect(processor).toContain('They handle this information only on our behalf and on our instructions.');
  });
});

describe('PIPL Art. 21: who is entrusted follows the declared role', () => {
  it('names the service providers and every recipient declared a processor, and no independent one', () => {
    const others = Object.fromEntries(rules.filter((r) => r.id !== 'missing-fact').map((r) => [r.id, 'off' as const]));
    const text = jurisdictions('cn').replace(
      'recipients: []\n',
      'recipients:\n  - id: host\n    kind: service-provider\n    label: our hosting provider\n    data: [contact]\n  - id: pay\n    kind: payment-processor\n    label: our payment processor\n    role: processor\n    data: [contact]\n  - id: ads\n    kind: advertising-partner\n    label: our advertising partner\n    role: independent\n    data: [contact]\n',
    );
    const md = markdown(text, 'en', { rules: others });
    expect(md).toContain(
      'We entrust the handling of personal information to our hosting provider and our payment processor, which handle it on our behalf.',
    );
    expect(markdown(jurisdictions('cn'), 'en', { rules: others })).not.toContain('We entrust');
  });
});

describe("each vendor's role and locations, in a table of companies (issue 17)", () => {
  const withVendors = (vendors: string, locations = '') =>
    base.replace(
      'recipients: []\n',
      `recipients:\n  - id: hosting\n    kind: service-provider\n    description: host our servers\n    data: [contact]\n${locations}    vendors:\n${vendors}`,
    );
  const md = (text: string) => markdown(text);

  it('lists every named vendor once any says what it does or where, and says what is not stated', () => {
    const out = md(
      withVendors(
        '      - { name: Example Cloud, role: server hosting, locations: [US, IE] }\n      - { name: Example Backup }\n',
      ),
    );
    expect(out).toContain('### Companies named in this section');
    expect(out).toContain('| Example Cloud | server hosting | the United States and Ireland | service providers |');
    expect(out).toContain('| Example Backup | Not stated | Not stated | service providers |');
  });

  it('has no table when no vendor says what it does or where', () => {
    expect(md(withVendors('      - { name: Example Cloud }\n'))).not.toContain('Companies named in this section');
  });

  it("refuses a vendor location outside its recipient's declared locations", () => {
    const text = withVendors('      - { name: Example Cloud, locations: [US] }\n', '    locations: [IE]\n');
    const found = compile({ file: 'policy.yaml', text }, { formats: [] }).diagnostics.filter(
      (d) => d.code === 'vendor-location-contradiction' || d.message.includes('declares its locations'),
    );
    expect(found.map((d) => [d.pointer, d.severity])).toEqual([['/recipients/0/vendors/0/locations', 'error']]);
    const inside = withVendors('      - { name: Example Cloud, locations: [US] }\n', '    locations: [IE, US]\n');
    expect(
      compile({ file: 'policy.yaml', text: inside }, { formats: [] }).diagnostics.filter((d) => d.severity === 'error'),
    ).toEqual([]);
  });

  it('writes a role as text, never as markup', () => {
    const out = md(
      withVendors('      - { name: Example Cloud, role: "[click](https://evil.example) <b>x</b> | y" }\n'),
    );
    const row = out.split('\n').find((l) => l.startsWith('| Example Cloud'))!;
    expect(row).not.toMatch(/\]\(https:\/\/evil/);
    expect(row).not.toContain('<b>');
    expect(row.split(/(?<!\\)\|/).length).toBe(6);
  });

  it('states where the subprocessor list is and the notice of a new one, exactly as declared', () => {
    const listed = (extra: string) =>
      md(
        `${withVendors('      - { name: Example Cloud }\n')}subprocessors:\n  list_url: https://example.com/subprocessors\n${extra}`,
      );
    const bare = listed('');
    expect(bare).toContain('### Companies named in this section');
    expect(bare).toContain(
      'The current list of the companies that process personal information on our behalf is published at [https://example.com/subprocessors](https://example.com/subprocessors).',
    );
    expect(bare).not.toContain('notice before a new company');
    expect(listed('  notice_period: 30 days\n  notice: by e-mailing the customers who subscribe to it\n')).toContain(
      'We give notice at least 30 days before a new company starts processing personal information for us, by e-mailing the customers who subscribe to it.',
    );
    // The notice is a fixed period, to be read as one.
    const text = `${withVendors('      - { name: Example Cloud }\n')}subprocessors:\n  list_url: https://example.com/s\n  notice_period: while we can\n`;
    expect(
      compile({ file: 'policy.yaml', text }, { formats: [] }).diagnostics.map((d) => [d.code, d.pointer]),
    ).toContainEqual(['invalid-duration', '/subprocessors/notice_period']);
  });
});
