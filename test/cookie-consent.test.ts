import { describe, expect, it } from 'vitest';
import { compileVariation, undeclaredExcept } from './helpers.js';

/**
 * Consent to cookies (lawyer reading 14): storing or reading information on a device needs
 * consent unless it is strictly necessary for a service the person asked for (Directive
 * 2002/58/EC Art. 5(3) in the EEA, PECR reg. 6 in the UK). Browser settings are not that
 * consent, so the declaration says how it is asked and withdrawn, and the policy states it.
 */
const consent = `  consent:
    how: A banner asks whether you accept analytics cookies; we set none until you accept.
    withdraw: You can change that choice under Cookie settings at the foot of every page.
`;
const cookies = (body: string) => `cookies:\n${body}`;
const asked = (jurisdictions: string[], body: string) =>
  compileVariation({ jurisdictions, extra: cookies(body), off: undeclaredExcept('missing-fact') }).diagnostics.filter(
    (d) => d.code === 'missing-fact' && d.pointer?.startsWith('/cookies'),
  );

describe('consent to cookies', () => {
  it('is asked for in the EEA and the UK where anything is stored on the device, citing the law', () => {
    const eea = asked(['eea'], '  technologies: [cookies]\n');
    expect(eea.map((d) => d.citation)).toEqual(['Directive 2002/58/EC Art. 5(3)']);
    expect(asked(['uk'], '  technologies: [sdks]\n').map((d) => d.citation)).toEqual(['PECR reg. 6']);
  });

  it('is not asked for where nothing is stored on the device, where every item is strictly necessary, or elsewhere', () => {
    expect(asked(['eea'], '  technologies: [server-logs]\n')).toEqual([]);
    const necessary =
      '  technologies: [cookies]\n  items:\n    - { name: session, provider: Example, purpose: service, duration: session, party: first, category: strictly-necessary }\n';
    expect(asked(['eea'], necessary)).toEqual([]);
    expect(asked(['us'], '  technologies: [cookies]\n')).toEqual([]);
  });

  it('once declared, is stated in the cookies section and among the choices', () => {
    const { md, errors } = compileVariation({
      jurisdictions: ['eea'],
      extra: cookies(`  technologies: [cookies]\n${consent}`),
    });
    expect(errors).toEqual([]);
    expect(md).toContain(
      '**Your consent.** A banner asks whether you accept analytics cookies; we set none until you accept. You can change that choice under Cookie settings at the foot of every page.',
    );
    expect(md).toContain(
      '- **Cookies.** You can change your consent to cookies, or control cookies through your browser settings',
    );
  });
});
