import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { compileVariation, minimal, undeclaredExcept } from './helpers.js';

/**
 * China beyond the PIPL's own articles (lawyer reading 14): the Network Data Security
 * Management Regulations (State Council Decree No. 790, in force 1 January 2025; Arts. 21, 23,
 * 24 and 25 read in Chinese and in the Ministry of Justice's translation), and PIPL Art. 13
 * para. 2, under which a separate consent is needed only where the handling rests on consent.
 */
const rights = 'rights:\n  offered: [close-account]\n  channels:\n    - email: privacy@example.com\n';

describe('the Network Data Security Management Regulations, from 1 January 2025', () => {
  const at = (effective: string) =>
    compileVariation({ jurisdictions: ['cn'], effective, extra: rights, off: undeclaredExcept('missing-fact') });

  it('ask what happens to each category when its retention ends, at the category (Art. 21(1)(3))', () => {
    const errors = at('2025-01-01').diagnostics.filter((d) => d.code === 'missing-fact');
    const retention = errors.filter((d) => d.message.includes('retention period ends'));
    expect(retention.map((d) => d.message)).toEqual([
      'The data category "contact" does not say what happens to the information when its retention period ends.',
    ]);
    expect(retention[0]?.citation).toContain('NDSMR Art. 21(1)(3)');
    expect(retention[0]?.pointer).toMatch(/^\/data\/0/);
  });

  it('before they were in force, ask nothing of it and say nothing of them', () => {
    const before = at('2024-12-31');
    expect(before.diagnostics.filter((d) => d.message.includes('retention period ends'))).toEqual([]);
    expect(before.md).not.toContain('Network Data Security Management Regulations');
    expect(before.md).toContain('where the conditions set by the Cyberspace Administration of China are met');
  });

  it('state the conditions of a transfer, how requests are accepted, and deletion on closing an account', () => {
    const { md } = compileVariation({
      jurisdictions: ['cn'],
      effective: '2025-01-01',
      extra: rights,
    });
    expect(md).toContain(
      'it does not harm the lawful rights and interests of others (Network Data Security Management Regulations, State Council, in force 1 January 2025, Art. 25)',
    );
    expect(md).toContain('not to set unreasonable conditions on reasonable requests (Regulations, Art. 23)');
    expect(md).toContain(
      'When you close your account, they require the handler to delete your personal information or anonymise it',
    );
  });

  it('say nothing of closing an account where the declaration offers none', () => {
    const { md } = compileVariation({ jurisdictions: ['cn'], effective: '2025-01-01' });
    expect(md).toContain('(Regulations, Art. 23)');
    expect(md).not.toContain('When you close your account');
  });
});

describe('a separate consent for sensitive personal information only where the handling rests on consent', () => {
  /** The one category made sensitive, used for one purpose on the given basis. */
  const errors = (basis: string, separate: boolean) => {
    const text = minimal
      .replace('jurisdictions: [us]', 'jurisdictions: [cn]')
      .replace(
        '    kind: contact-details\n',
        `    kind: health\n    sensitive: true\n${separate ? '    separate_consent: true\n' : ''}`,
      )
      .replace('    legal_basis: contract', `    legal_basis: ${basis}`);
    return compile({ file: 'policy.yaml', text }, { formats: [] }).diagnostics.filter(
      (d) => d.code === 'sensitive-data-condition',
    );
  };

  it('a contract with the person needs no consent, so no separate consent (PIPL Art. 13 para. 2)', () => {
    expect(errors('contract', false)).toEqual([]);
  });

  it('handling on consent needs a separate one (Art. 29)', () => {
    expect(errors('consent', false).map((d) => d.citation)).toEqual(['PIPL Art. 29']);
    expect(errors('consent', true)).toEqual([]);
  });
});

describe('the Regulations on the Protection of Minors Online, from 1 January 2024', () => {
  const children =
    'children:\n  directed_to_children: false\n  minimum_age: 10\n  parental_consent: A parent gives consent when the account is created.\n  necessity: The service is for families.\n';
  const at = (effective: string, extra = children) => compileVariation({ jurisdictions: ['cn'], effective, extra }).md;

  it('state how minors and guardians make requests and how a refusal is given (Art. 34), and breach notices (Art. 35)', () => {
    const md = at('2024-01-01');
    expect(md).toContain('if it refuses such a request (Regulations on the Protection of Minors Online, Art. 34)');
    expect(md).toContain('by a public notice (Regulations on the Protection of Minors Online, Art. 35)');
  });

  it('not before they were in force, nor for a service that admits no minors', () => {
    expect(at('2023-12-31')).not.toContain('Protection of Minors Online');
    expect(at('2024-01-01', '')).not.toContain('Protection of Minors Online');
  });
});
