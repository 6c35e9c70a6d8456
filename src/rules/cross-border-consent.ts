import { overseasRecipient } from './practices.js';
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'cross-border-consent',
  type: 'disclosure',
  severity: 'error',
  title: 'Transfers out of China are made with separate consent',
  description:
    "China's PIPL requires separate consent before personal information is provided to a recipient outside the country, and the notice must name the recipient, the purpose, the categories and how to exercise rights against it (PIPL Art. 39). Declare `transfers.separate_consent: true` when `transfers.cross_border` is true, and declare each recipient outside mainland China with its `locations`, so that the policy names it.",
  check({ model, report }) {
    if (!model.transfers?.cross_border) return;
    if (!model.transfers.separate_consent) {
      report({
        path: ['transfers', 'cross_border'],
        message: 'Personal information leaves the country, but separate consent for the transfer is not declared.',
        hint: 'Add transfers.separate_consent: true.',
      });
    }
    const abroad = model.recipients.some(overseasRecipient);
    if (!abroad) {
      report({
        path: ['recipients'],
        message:
          'Personal information leaves mainland China, but no recipient is declared with a location outside it, so the policy cannot name the overseas recipient as PIPL Art. 39 requires.',
        hint: 'Add locations: (for example [US] or [SG]) to each recipient that holds or processes the information outside mainland China.',
      });
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
  separate_consent: true
recipients:
  - id: cloud
    kind: service-provider
    vendors: [{ name: Example Cloud Singapore }]
    data: [contact]
    locations: [SG]`,
  },
};
