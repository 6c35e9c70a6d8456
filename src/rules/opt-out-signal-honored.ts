import { sells, sharesForAdvertising } from './practices.js';
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'opt-out-signal-honored',
  type: 'disclosure',
  severity: 'error',
  title: 'A business that sells or shares honours opt-out preference signals',
  description:
    'California (11 CCR § 7025), Colorado (C.R.S. § 6-1-1306(1)(a)(IV)) and Connecticut (Conn. Gen. Stat. § 42-520(e)) require a business that sells personal information or uses it for targeted advertising to treat a browser opt-out preference signal such as Global Privacy Control as a valid request to opt out, and its notice to say so. Declare `cookies.global_privacy_control: honored`.',
  check({ model, report }) {
    const sold = sells(model);
    const shared = sharesForAdvertising(model);
    if ((sold || shared) && model.cookies?.global_privacy_control !== 'honored') {
      const declared = model.cookies?.global_privacy_control !== undefined;
      report({
        path: declared ? ['cookies', 'global_privacy_control'] : model.cookies ? ['cookies'] : [],
        missing: !declared,
        message: `Personal information is ${sold ? 'sold' : 'used for targeted advertising'}, so opt-out preference signals such as Global Privacy Control must be honoured${declared ? ', but the declaration says they are not' : ''}.`,
        hint: 'Set cookies.global_privacy_control: honored, and act on the signal for that browser or device.',
      });
    }
  },
  examples: {
    failing: `jurisdictions: [us-ca]
recipients:
  - id: ads
    kind: advertising-partner
    data: [contact]
    shared_for_advertising: true
sale:
  sells: false
  shares: true
  opt_out_url: https://example.com/do-not-sell
cookies:
  technologies: [cookies]
  global_privacy_control: not-honored`,
    passing: `jurisdictions: [us-ca]
recipients:
  - id: ads
    kind: advertising-partner
    data: [contact]
    shared_for_advertising: true
sale:
  sells: false
  shares: true
  opt_out_url: https://example.com/do-not-sell
cookies:
  technologies: [cookies]
  global_privacy_control: honored`,
  },
};
