import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { minimal } from './helpers.js';

/** Facts real policies state that had no field (issue 17): each is stated exactly as declared. */
const build = (text: string) => compile({ file: 'policy.yaml', text }, { formats: ['md'] });
const markdown = (text: string) => {
  const result = build(text);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.outputs[0]!.content;
};
const withRecipients = (recipients: string) => minimal.replace('recipients: []\n', `recipients:\n${recipients}`);

describe('facts that had no field', () => {
  it('names a privacy contact who is not a data protection officer, with the details given', () => {
    const md = markdown(
      minimal.replace(
        'organization:\n',
        'organization:\n  privacy_contact:\n    name: Sam Rivera\n    role: Head of Privacy\n    email: sam@example.com\n',
      ),
    );
    expect(md).toContain(
      'You can also contact Sam Rivera, Head of Privacy, who answers questions about privacy for us, by e-mail at [sam@example.com](mailto:sam@example.com).',
    );
    expect(md).not.toMatch(/data protection officer/i);
    const bare = markdown(
      minimal.replace('organization:\n', 'organization:\n  privacy_contact:\n    name: Sam Rivera\n'),
    );
    expect(bare).toContain('You can also contact Sam Rivera, who answers questions about privacy for us.');
  });

  it('states the legal process an authority must produce and the transparency report, only when declared', () => {
    const authority = (extra: string) =>
      withRecipients(
        `  - id: authorities\n    kind: public-authority\n    data: [contact]\n    purposes: [service]\n${extra}`,
      );
    const md = markdown(
      authority(
        '    legal_process: a subpoena, court order or search warrant\n    transparency_report_url: https://example.com/transparency\n',
      ),
    );
    expect(md).toContain('We make these disclosures only in response to a subpoena, court order or search warrant.');
    expect(md).toContain(
      'We publish a report on the requests we receive from public authorities: [https://example.com/transparency](https://example.com/transparency).',
    );
    const plain = markdown(authority(''));
    expect(plain).not.toMatch(/only in response to|transparency|report on the requests/);
  });

  it('promises notice before a business transfer only when declared', () => {
    const transfer = (extra: string) =>
      withRecipients(
        `  - id: buyer\n    kind: business-transfer\n    data: [contact]\n    purposes: [service]\n${extra}`,
      );
    expect(markdown(transfer('    notice_before_transfer: true\n'))).toContain(
      'Before personal information is transferred in such a transaction and becomes subject to a different privacy policy, we will tell you.',
    );
    expect(markdown(transfer('    notice_before_transfer: false\n'))).not.toContain('we will tell you');
  });

  it('warns when a fact is declared on a recipient it does not fit (nothing states it)', () => {
    const result = build(
      withRecipients(
        '  - id: hosting\n    kind: service-provider\n    data: [contact]\n    legal_process: a court order\n',
      ),
    );
    expect(result.diagnostics.filter((d) => d.code === 'unused-field').map((d) => d.pointer)).toEqual([
      '/recipients/0/legal_process',
    ]);
  });

  it('keeps every new fact in the JSON model, valid against schemas/output.schema.json', () => {
    const text = withRecipients(
      '  - id: authorities\n    kind: public-authority\n    data: [contact]\n    purposes: [service]\n    legal_process: a court order\n    transparency_report_url: https://example.com/transparency\n  - id: buyer\n    kind: business-transfer\n    data: [contact]\n    purposes: [service]\n    notice_before_transfer: true\n',
    ).replace(
      'organization:\n',
      'organization:\n  privacy_contact:\n    name: Sam Rivera\n    role: Head of Privacy\n',
    );
    const json = JSON.parse(compile({ file: 'policy.yaml', text }, { formats: ['json'] }).outputs[0]!.content) as {
      model: { organization: { privacy_contact: unknown }; recipients: { legal_process?: string }[] };
    };
    expect(json.model.organization.privacy_contact).toEqual({ name: 'Sam Rivera', role: 'Head of Privacy' });
    expect(json.model.recipients[0]!.legal_process).toBe('a court order');
    const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats.default(ajv, ['date', 'email', 'uri']);
    const validate = ajv.compile(
      JSON.parse(readFileSync(new URL('../schemas/output.schema.json', import.meta.url), 'utf8')),
    );
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });

  it('says what is not collected on purpose apart from what is never collected, and refuses both at once', () => {
    const md = markdown(`${minimal}not_collected: [health]\nnot_intentionally_collected: [religious-beliefs]\n`);
    expect(md).toContain('We do not collect the following kinds of information: health information.');
    expect(md).toContain(
      'We do not intentionally collect the following kinds of information, although you may give them to us without our asking: religious or philosophical beliefs.',
    );
    const both = build(`${minimal}not_collected: [health]\nnot_intentionally_collected: [health]\n`);
    expect(both.diagnostics.map((d) => [d.code, d.pointer])).toContainEqual([
      'contradiction',
      '/not_intentionally_collected/0',
    ]);
    const declared = build(`${minimal}not_intentionally_collected: [contact-details]\n`);
    expect(declared.diagnostics.map((d) => [d.code, d.pointer])).toContainEqual(['contradiction', '/data/0/kind']);
  });
});
