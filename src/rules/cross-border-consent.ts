import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'cross-border-consent',
  type: 'disclosure',
  severity: 'error',
  title: 'Transfers out of China are made with separate consent',
  description:
    "China's PIPL requires separate consent before personal information is provided to a recipient outside the country, and the notice must name the recipient, the purpose, the categories and how to exercise rights against it (PIPL Art. 39). Declare `transfers.separate_consent: true` when `transfers.cross_border` is true.",
  check({ model, report }) {
    if (model.transfers?.cross_border && !model.transfers.separate_consent) {
      report({ path: ['transfers', 'cross_border'], message: 'Personal information leaves the country, but separate consent for the transfer is not declared.', hint: 'Add transfers.separate_consent: true, and describe the foreign recipient in transfers.safeguards_copy or a clause.' });
    }
  },
  examples: {
    failing: `jurisdictions: [cn]
transfers:
  storage: [CN]
  cross_border: true
  mechanisms: [security-assessment]`,
    passing: `jurisdictions: [cn]
transfers:
  storage: [CN]
  cross_border: true
  mechanisms: [security-assessment]
  separate_consent: true`,
  },
};
