import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { minimal, undeclaredExcept } from './helpers.js';

/**
 * Transfer mechanisms per law (issue 13): each law's section, and the general section, state
 * only the mechanisms that law knows (modules' transfer_mechanisms, verified against LGPD
 * Art. 33, APPI Art. 28, PIPA Art. 28-8, PDPR 2021 regs 9–12, PIPEDA cl. 4.1.3 and Québec
 * s. 17, APP 8, DPDP s 16, PIPL Arts. 38–40, GDPR/UK GDPR Chapter V, FADP Arts. 16–17).
 */
function build(jurisdictions: string[], mechanisms: string[], effective = '2025-01-01') {
  const text = minimal
    .replace('jurisdictions: [us]', `jurisdictions: [${jurisdictions.join(', ')}]`)
    .replace('effective: 2024-07-15', `effective: ${effective}`)
    .concat(
      `transfers:\n  storage: [US]\n  cross_border: true\n  separate_consent: true\n  mechanisms: [${mechanisms.join(', ')}]\n`,
    )
    .concat(
      'rights:\n  channels:\n    - email: privacy@example.com\n  response_time: 15 days\nchanges:\n  notice: [posted-on-page]\n',
    );
  // Only the transfer rules are under test here: the rest of what these laws ask is not declared.
  const off = undeclaredExcept().concat('sale-opt-out-link', 'limit-sensitive-link', 'opt-out-signal-honored');
  const result = compile(
    { file: 'policy.yaml', text },
    { formats: ['md'], rules: Object.fromEntries(off.map((id) => [id, 'off' as const])) },
  );
  const md = result.outputs[0]?.content ?? '';
  const section = (heading: string) => {
    const start = md.indexOf(heading);
    if (start < 0) return '';
    const next = md.indexOf('\n## ', start + 1);
    return md.slice(start, next < 0 ? undefined : next);
  };
  return { result, md, section, codes: result.diagnostics.map((d) => `${d.severity} ${d.code}`) };
}

function errorsOf(jurisdictions: string[], mechanisms: string[]) {
  return build(jurisdictions, mechanisms)
    .result.diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code}: ${d.message}`);
}

describe('transfer mechanisms are stated under the law that knows them', () => {
  it("lists them per law in the general section, never one law's under another", () => {
    expect(errorsOf(['eea', 'cn', 'br'], ['scc', 'dpf', 'security-assessment', 'standard-contract'])).toEqual([]);
    const { md, section } = build(['eea', 'cn', 'br'], ['scc', 'dpf', 'security-assessment', 'standard-contract']);
    const general = section('## Where we store and transfer information');
    // The GDPR's own routes, each with its article: Art. 46(2)(c) clauses, the Art. 45(3) DPF decision.
    expect(general).toContain(
      "- European Economic Area: standard data protection clauses adopted by the European Commission (GDPR Art. 46(2)(c)) and the recipient's certification under the EU-U.S. Data Privacy Framework, which the European Commission has found to ensure an adequate level of protection (GDPR Art. 45(3); Implementing Decision (EU) 2023/1795)",
    );
    expect(general).toContain(
      '- China: approval of the transfer in a security assessment organised by the Cyberspace Administration of China (PIPL Art. 38(1)(1); Measures for the Security Assessment of Outbound Data Transfers, Art. 4) and a contract with the recipient in the standard form issued by the Cyberspace Administration of China (PIPL Art. 38(1)(3))',
    );
    // Each law's own name for its route: the ANPD's clauses in Brazil.
    expect(general).toContain(
      '- Brazil: the standard contractual clauses issued by the ANPD (LGPD Art. 33(II)(b); Res. CD/ANPD 19/2024)',
    );
    expect(general).not.toMatch(/Brazil: .*(Data Privacy Framework|Cyberspace)/);
    expect(section('## Information for people in the European Economic Area')).not.toContain('Cyberspace');
    // The PIPL section names only the Art. 38 routes declared, not consent and not the clauses.
    const china = md.slice(md.indexOf('**Provision outside mainland China.**'));
    expect(china.slice(0, china.indexOf('\n'))).toMatch(
      /We rely on approval of the transfer in a security assessment organised by the Cyberspace Administration of China \(PIPL Art\. 38\(1\)\(1\); Measures for the Security Assessment of Outbound Data Transfers, Art\. 4\) and a contract with the recipient in the standard form/,
    );
    expect(china.slice(0, china.indexOf('\n'))).not.toMatch(
      /standard contractual clauses approved|Data Privacy Framework/,
    );
  });

  it("does not state separate consent as everyone's: it is the PIPL's (Art. 39), in the China section", () => {
    const { section } = build(['eea', 'cn'], ['scc', 'security-assessment']);
    expect(section('## Where we store and transfer information')).not.toMatch(/separate consent/);
  });

  it('warns of a mechanism no declared law knows: consent is not a PIPL Art. 38 route', () => {
    expect(build(['cn'], ['consent', 'security-assessment']).codes).toContain('warning transfer-mechanism-applies');
    expect(build(['eea'], ['security-assessment']).codes).toContain('warning transfer-mechanism-applies');
    expect(build(['eea', 'cn'], ['scc', 'security-assessment']).codes).not.toContain(
      'warning transfer-mechanism-applies',
    );
  });

  it('warns when routine transfers from the EEA or UK rest on consent alone (GDPR Art. 49)', () => {
    expect(build(['eea'], ['consent']).codes).toContain('warning transfer-consent-routine');
    expect(build(['uk'], ['consent', 'contract-necessity']).codes).toContain('warning transfer-consent-routine');
    expect(build(['eea'], ['scc', 'consent']).codes).not.toContain('warning transfer-consent-routine');
  });

  it('refuses the Data Privacy Framework before it existed under each law', () => {
    expect(build(['eea'], ['dpf'], '2023-07-09').codes).toContain('error transfer-mechanism-in-force');
    expect(build(['eea'], ['dpf'], '2023-07-10').codes).not.toContain('error transfer-mechanism-in-force');
    expect(build(['uk'], ['uk-extension'], '2023-10-11').codes).toContain('error transfer-mechanism-in-force');
    expect(build(['uk'], ['uk-extension'], '2023-10-12').codes).not.toContain('error transfer-mechanism-in-force');
    expect(build(['ch'], ['swiss-us-dpf'], '2024-09-14').codes).toContain('error transfer-mechanism-in-force');
    expect(build(['ch'], ['swiss-us-dpf'], '2024-09-15').codes).not.toContain('error transfer-mechanism-in-force');
  });

  it('accepts the Privacy Shield only while it stood (1 August 2016 to 16 July 2020, C-311/18)', () => {
    expect(build(['eea'], ['privacy-shield'], '2018-05-28').codes).not.toContain('error transfer-mechanism-in-force');
    expect(build(['eea'], ['privacy-shield'], '2020-07-15').codes).not.toContain('error transfer-mechanism-in-force');
    const after = build(['eea'], ['privacy-shield'], '2020-07-16').result.diagnostics.find(
      (d) => d.code === 'transfer-mechanism-in-force',
    );
    expect(after?.message).toBe(
      '"privacy-shield" ceased to be available under GDPR on 2020-07-16, before this policy takes effect (2020-07-16).',
    );
    expect(build(['eea'], ['privacy-shield'], '2016-07-31').codes).toContain('error transfer-mechanism-in-force');
  });

  it("never turns one law's instrument into another's: the EU clauses and DPF are not UK or Swiss routes", () => {
    // The EU's clauses need the ICO's addendum under UK law; the DPF reaches the UK only through
    // its UK Extension, and Switzerland only through the Swiss-U.S. framework.
    const eu = build(['eea', 'uk', 'ch'], ['scc', 'dpf']);
    expect(eu.codes).toContain('error transfer-mechanism-required');
    expect(eu.result.diagnostics.filter((d) => d.code === 'transfer-mechanism-required').map((d) => d.message)).toEqual(
      [
        'None of the declared transfer mechanisms (scc, dpf) exists under UK GDPR, so its section would name no basis for transfers.',
      ],
    );
    const uk = build(['eea', 'uk'], ['scc', 'uk-addendum']);
    expect(uk.codes).not.toContain('error transfer-mechanism-required');
    const section = uk.section('## Information for people in the United Kingdom');
    expect(section).toContain(
      "- the European Commission's standard contractual clauses together with the International Data Transfer Addendum issued by the Information Commissioner (UK GDPR Art. 46(2)(d))",
    );
    expect(section).not.toMatch(/International Data Transfer Agreement|UK Extension/);
    const ch = build(['ch'], ['scc', 'dpf']).section('## Information for people in Switzerland');
    expect(ch).not.toMatch(/Swiss-U\.S\./);
  });

  it('refuses adequacy for the United States, which no decision covers as a whole', () => {
    const us = build(['eea', 'uk'], ['adequacy'])
      .result.diagnostics.filter((d) => d.code === 'adequacy-destination')
      .map((d) => d.message);
    expect(us).toEqual([
      'No adequacy decision under GDPR covers US as a whole, and personal information goes there; only recipients covered through dpf or privacy-shield are.',
      'No adequacy decision under UK GDPR covers US as a whole, and personal information goes there; only recipients covered through uk-extension are.',
    ]);
    expect(build(['eea'], ['adequacy', 'dpf']).codes).not.toContain('error adequacy-destination');
    expect(build(['eea'], ['adequacy', 'scc']).codes).not.toContain('error adequacy-destination');
    // The EU's clauses are no UK safeguard: a UK policy relying on adequacy for the US still errs.
    expect(
      build(['uk'], ['adequacy', 'scc'])
        .result.diagnostics.filter((d) => d.code === 'adequacy-destination')
        .map((d) => d.message),
    ).toEqual([
      'No adequacy decision under UK GDPR covers US as a whole, and personal information goes there; only recipients covered through uk-extension are.',
    ]);
    expect(build(['uk'], ['adequacy', 'uk-addendum']).codes).not.toContain('error adequacy-destination');
  });

  it('states no mechanism in the sections of laws that have none (India, the US states)', () => {
    const { md, result } = build(['in', 'us-ca'], ['scc'], '2027-06-01');
    expect(result.outputs.length).toBeGreaterThan(0);
    expect(md).not.toContain('standard contractual clauses approved');
  });
});
