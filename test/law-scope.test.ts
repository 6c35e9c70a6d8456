import { describe, expect, it } from 'vitest';
import { compileVariation } from './helpers.js';

/**
 * Lawyer reading 14: where a law applies because of where the organisation is established
 * (GDPR and UK GDPR Art. 3(1), PIPL Art. 3), its section says so and is headed by the law,
 * not by the place; a right granted by one declared law alone is worded as that law grants it;
 * the PIPL's transfer routes carry their articles and dates.
 */
const build = compileVariation;

describe('a law that applies because of an establishment says so', () => {
  it('the GDPR and the UK GDPR: Art. 3(1), and the section is headed by the law', () => {
    const { md, errors } = build({ jurisdictions: ['eea', 'uk'], establishedIn: ['eea', 'uk'] });
    expect(errors).toEqual([]);
    expect(md).toContain('## Information under the GDPR');
    expect(md).toContain(
      'Because we have an establishment in the EEA, the GDPR also applies, wherever you are, to personal information we process in the context of the activities of that establishment (Article 3(1) of the GDPR).',
    );
    expect(md).toContain('## Information under UK data protection law');
    expect(md).toContain('(Article 3(1) of the UK GDPR)');
  });

  it('without an establishment there, the section speaks to people in the place and says nothing of Art. 3(1)', () => {
    const { md, errors } = build({ jurisdictions: ['eea', 'uk'], establishedIn: ['us'] });
    expect(errors).toEqual([]);
    expect(md).toContain('## Information for people in the European Economic Area');
    expect(md).toContain('## Information for people in the United Kingdom');
    expect(md).not.toContain('Article 3(1)');
  });

  it('the PIPL: headed by the law when the handler is established in mainland China', () => {
    expect(build({ jurisdictions: ['cn'], establishedIn: ['cn'] }).md).toContain('## Information under the PIPL');
    expect(build({ jurisdictions: ['cn'] }).md).toContain('## Information for people in mainland China');
  });
});

describe('a right one declared law grants is worded as that law grants it', () => {
  const rights = 'rights:\n  offered: [access]\n  channels:\n    - email: privacy@example.com\n';

  it('PIPL alone: consult and copy, restrict or refuse, explain or refuse automated decisions', () => {
    const { md } = build({ jurisdictions: ['cn'], extra: rights });
    expect(md).toContain(
      '- **Access.** You may ask to consult the personal information we hold about you. _(PIPL Art. 45)_',
    );
    expect(md).toContain(
      'you may ask us to explain it, and you may refuse to have such a decision made solely through automated decision-making. _(PIPL Art. 24)_',
    );
    expect(md).toContain('You may restrict or refuse our handling of personal information about you');
    expect(md).not.toContain('some laws');
  });

  it('several laws grant it: the general wording, which leaves the terms to each law', () => {
    const { md } = build({ jurisdictions: ['cn', 'eea'], extra: rights });
    expect(md).toContain('the law that grants this right sets out what we must tell you with it');
    expect(md).toContain('(some laws cover only decisions based solely on automated processing)');
  });
});

describe("the PIPL's transfer routes", () => {
  const transfers = (mechanisms: string) =>
    `transfers:\n  storage: [CN]\n  cross_border: true\n  separate_consent: true\n  mechanisms: [${mechanisms}]\n`;

  it('each route cites the paragraph of Art. 38 it is', () => {
    const { md } = build({ jurisdictions: ['cn'], extra: transfers('security-assessment') });
    expect(md).toContain(
      'organised by the Cyberspace Administration of China (PIPL Art. 38(1)(1); Measures for the Security Assessment of Outbound Data Transfers, Art. 4)',
    );
  });

  it('the standard contract from 1 June 2023, the contract exemption from 22 March 2024', () => {
    const errors = (mechanism: string, effective: string) =>
      build({ jurisdictions: ['cn'], effective, extra: transfers(mechanism) }).errors.filter((e) =>
        e.startsWith('transfer-mechanism-in-force'),
      );
    expect(errors('standard-contract', '2023-05-31')).toHaveLength(1);
    expect(errors('standard-contract', '2023-06-01')).toEqual([]);
    expect(errors('contract-necessity', '2024-03-21')).toHaveLength(1);
    expect(errors('contract-necessity', '2024-03-22')).toEqual([]);
  });
});

describe("a policy under one law uses that law's words", () => {
  it('PIPL alone: personal information as Art. 4 defines it, anonymised information excluded', () => {
    expect(build({ jurisdictions: ['cn'] }).md).toContain(
      'information that has been anonymised is not personal information (PIPL Art. 4).',
    );
    const several = build({ jurisdictions: ['cn', 'eea'] }).md;
    expect(several).not.toContain('(PIPL Art. 4)');
    expect(several).toContain('"Personal information" means any information that identifies you');
  });

  it('PIPL alone: the legal bases are cited to Art. 13', () => {
    expect(build({ jurisdictions: ['cn'] }).md).toContain(
      'For each, we name the legal basis we rely on (PIPL Art. 13).',
    );
    expect(build({ jurisdictions: ['cn', 'eea'] }).md).toContain('For each, we name the legal basis we rely on.');
  });
});

describe('the right to object to direct marketing is stated where there is direct marketing', () => {
  it('not where nothing declared is marketing (GDPR and UK GDPR Art. 21(2))', () => {
    const { md } = build({ jurisdictions: ['eea', 'uk'] });
    expect(md).not.toContain('Article 21(2)');
  });

  it('where marketing messages are declared', () => {
    const { md } = build({
      jurisdictions: ['eea', 'uk'],
      extra: 'rights:\n  offered: [opt-out-marketing]\n  channels:\n    - email: privacy@example.com\n',
    });
    expect(md).toContain('You have an absolute right to object to processing for direct marketing');
    expect(md).toContain('(Article 21(2) and (3) of the UK GDPR)');
  });
});

describe('rights under a law that applies wherever the person is', () => {
  const rights = 'rights:\n  offered: [access]\n  channels:\n    - email: privacy@example.com\n';

  it('a handler in mainland China: every PIPL right is everyone’s (Art. 3)', () => {
    const { md } = build({ jurisdictions: ['cn'], establishedIn: ['cn'], extra: rights });
    expect(md).toContain('We offer all of these rights to everyone, wherever they live.');
  });

  it('a handler abroad: only the rights it offers', () => {
    const { md } = build({ jurisdictions: ['cn'], establishedIn: ['us'], extra: rights });
    expect(md).toContain('We offer these rights to everyone, wherever they live: access.');
  });
});
