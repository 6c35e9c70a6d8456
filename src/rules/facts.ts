import { sensitiveUnder, type Model } from '../normalize/normalize.js';
import { admitsMinors, childrensThirdParty, mayBeNamedAbroad, overseasRecipient } from './practices.js';
import { SENSITIVE_KINDS } from '../normalize/vocabulary.js';
import type { Path } from './rule.js';

/**
 * The facts a policy cannot state without the declaration saying them. A law that needs one
 * names it in its module (a disclosure with `rule: missing-fact` and `fact: <id>`); a fact with
 * `always` is needed by every declaration, because every policy's wording depends on it. Where
 * a fact is missing the build reports missing-fact at the YAML node to add it to, and the
 * templates never fill the gap with a default (docs/truthful-output.md).
 */
export interface Fact {
  id: string;
  /** Needed whatever the jurisdictions, with these citations. */
  always?: boolean;
  /** Where the declaration lacks the fact: the node that should hold it, and what to write. */
  missing(model: Model, declared: Declared): Gap[];
}

export interface Gap {
  /** The key that should hold the fact; the diagnostic points at its owner. */
  path: Path;
  message: string;
  hint: string;
}

/** Whether the YAML, as the user wrote it, has a value at a path. */
export type Declared = (path: Path) => boolean;

/** Recipient kinds whose role the kind itself, or the law, settles. */
const ROLE_BY_KIND: ReadonlySet<string> = new Set([
  'service-provider',
  'affiliate',
  'public-authority',
  'business-transfer',
  'other-users',
]);

export const facts: readonly Fact[] = [
  {
    id: 'recipient-locations',
    // The States of disclosure abroad (FADP Art. 19(4)) are named from each recipient's locations.
    missing: (model, declared) =>
      model.recipients.flatMap((recipient, i) =>
        recipient.kind === 'public-authority' ||
        recipient.kind === 'other-users' ||
        declared(['recipients', i, 'locations'])
          ? []
          : [
              {
                path: ['recipients', i, 'locations'],
                message: `The recipient "${recipient.id}" does not say where it holds or processes personal information, so the policy cannot name the States it is disclosed to.`,
                hint: 'Add locations: with the ISO country codes (for example [CH] or [US, DE]).',
              },
            ],
      ),
  },
  {
    id: 'sensitive-use',
    // Whether sensitive personal information is used beyond 11 CCR § 7027(m)'s purposes decides
    // whether the right to limit (CCPA § 1798.121) is offered: the policy states neither by default.
    missing: (model, declared) =>
      model.data.some((d) => sensitiveUnder(d, 'us-ca')) && !declared(['sale', 'sensitive_beyond_permitted'])
        ? [
            {
              path: ['sale', 'sensitive_beyond_permitted'],
              message:
                'Sensitive personal information is declared, but not whether it is used beyond the purposes 11 CCR § 7027(m) permits, which decides whether the policy offers the right to limit its use.',
              hint: 'Add sale: { sensitive_beyond_permitted: false } if it is used only for those purposes, or true with limit_sensitive_url.',
            },
          ]
        : [],
  },
  {
    id: 'recipients',
    // Every policy says whom it discloses to; "we disclose to no one" must be declared too.
    always: true,
    missing: (_model, declared) =>
      declared(['recipients'])
        ? []
        : [
            {
              path: ['recipients'],
              message:
                'The declaration does not say who receives personal information, which the law requires the policy to state.',
              hint: 'Add recipients: with each recipient, or recipients: [] if no one outside the organisation receives personal information.',
            },
          ],
  },
  {
    id: 'sale',
    missing(model, declared) {
      const gaps: Gap[] = [];
      if (!declared(['sale', 'sells']) && !model.recipients.some((r) => r.sold)) {
        gaps.push({
          path: ['sale', 'sells'],
          message:
            'The declaration does not say whether personal information is sold, which the law requires the policy to state, even when none is.',
          hint: 'Add sale: { sells: false } (or true, and mark the recipients it is sold to with sold: true).',
        });
      }
      if (!declared(['sale', 'shares']) && !model.recipients.some((r) => r.shared_for_advertising)) {
        gaps.push({
          path: ['sale', 'shares'],
          message:
            'The declaration does not say whether personal information is shared for cross-context behavioural advertising, which the law requires the policy to state, even when none is.',
          hint: 'Add sale: { shares: false } (or true, and mark those recipients with shared_for_advertising: true).',
        });
      }
      return gaps;
    },
  },
  {
    id: 'establishment',
    // Whether a representative is needed (GDPR / UK GDPR Art. 27(1), FADP Art. 14(1)) depends on it.
    missing: (_model, declared) =>
      declared(['organization', 'established_in'])
        ? []
        : [
            {
              path: ['organization', 'established_in'],
              message:
                'The declaration does not say where the organisation is established, which decides whether the law requires it to name a representative.',
              hint: 'Add organization.established_in: the jurisdictions where it has an office or subsidiary (for example [us] or [eea, uk]).',
            },
          ],
  },
  {
    id: 'cookie-consent',
    // ePrivacy Directive Art. 5(3) and UK PECR reg. 6: consent before storing or reading
    // information on a device, unless strictly necessary for a service the person asked for.
    missing(model, declared) {
      const cookies = model.cookies;
      if (!cookies || declared(['cookies', 'consent'])) return [];
      const onDevice = cookies.technologies.some((t) => t !== 'server-logs');
      // Where the inventory lists every item as strictly necessary, no consent is needed.
      const necessaryOnly =
        cookies.items.length > 0 && cookies.items.every((item) => item.category === 'strictly-necessary');
      if (!onDevice || necessaryOnly) return [];
      return [
        {
          path: ['cookies', 'consent'],
          message:
            "The service stores or reads information on people's devices, and the declaration does not say how it asks for their consent to what is not strictly necessary, or how they change that choice.",
          hint: 'Add cookies.consent with how: (how and when consent is asked) and withdraw: (how to change the choice later), each a full sentence.',
        },
      ];
    },
  },
  {
    id: 'after-retention',
    // China's Network Data Security Management Regulations, Art. 21(1)(3): the handling rules
    // state each retention period and how the information is handled when it expires.
    missing: (model, declared) =>
      model.data.flatMap((category, i) =>
        !category.retention || category.retention.kind === 'indefinite' || declared(['data', i, 'after_retention'])
          ? []
          : [
              {
                path: ['data', i, 'after_retention'],
                message: `The data category "${category.id}" does not say what happens to the information when its retention period ends.`,
                hint: 'Add after_retention: delete, anonymize or aggregate.',
              },
            ],
      ),
  },
  {
    id: 'minors-special-rules',
    // PIPL Art. 31(2): a handler of the information of minors under 14 formulates special rules.
    missing(model, declared) {
      const children = model.children;
      if (
        !children ||
        !(children.directed_to_children || children.parental_consent) ||
        declared(['children', 'special_rules_url'])
      )
        return [];
      return [
        {
          path: ['children', 'special_rules_url'],
          message:
            "The declaration says that children's personal information is handled, but not where the special rules for handling it are published, which the law requires.",
          hint: 'Add children.special_rules_url: the page with your special rules for handling the personal information of minors.',
        },
      ];
    },
  },
  {
    id: 'minors-under-16',
    missing(model, declared) {
      const mayBeSold = model.sale?.sells !== false || model.sale?.shares !== false;
      if (!mayBeSold || declared(['sale', 'minors_under_16'])) return [];
      return [
        {
          path: ['sale', 'minors_under_16'],
          message:
            'The declaration does not say how the personal information of consumers under 16 is treated, which the law requires where personal information may be sold or shared.',
          hint: 'Add sale.minors_under_16: not-sold (never sold or shared) or opt-in.',
        },
      ];
    },
  },
  {
    id: 'automated-decision-making',
    missing(model, declared) {
      if (declared(['automated_decision_making'])) return [];
      if (model.purposes.some((p) => p.automated_decisions)) return [];
      return [
        {
          path: ['automated_decision_making'],
          message:
            'The declaration does not say whether decisions with legal or similarly significant effects are made solely by automated means, which the law requires the policy to state.',
          hint: 'Add automated_decision_making: false, or true with automated_decisions described on the purposes concerned.',
        },
      ];
    },
  },
  {
    id: 'safeguards-copy',
    missing(model, declared) {
      const transfers = model.transfers;
      const safeguards = transfers?.mechanisms?.some((m) => m === 'scc' || m === 'bcr');
      if (!transfers?.cross_border || !safeguards || declared(['transfers', 'safeguards_copy'])) return [];
      return [
        {
          path: ['transfers', 'safeguards_copy'],
          message:
            'Transfers rely on standard contractual clauses or binding corporate rules, but the declaration does not say how a person can obtain a copy of them or where they are available.',
          hint: 'Add transfers.safeguards_copy, for example "Write to privacy@example.com for a copy of the clauses."',
        },
      ];
    },
  },
  {
    id: 'disclosure-purposes',
    // GDPR / UK GDPR Art. 13(1)(c), FADP Art. 19(2)(b): a disclosure to an authority or in a
    // business transfer is processing of its own, whose purpose (and legal basis) the notice states.
    missing: (model, declared) =>
      model.recipients.flatMap((recipient, i) =>
        (recipient.kind === 'public-authority' || recipient.kind === 'business-transfer') &&
        !declared(['recipients', i, 'purposes'])
          ? [
              {
                path: ['recipients', i, 'purposes'],
                message: `The recipient "${recipient.id}" (${recipient.kind}) does not say for which purposes personal information is disclosed to it, so the policy cannot state the purpose and legal basis of that disclosure.`,
                hint: 'Add purposes: with the ids of the purposes the disclosure serves (for example a purpose "legal-obligations" with legal_basis: legal-obligation).',
              },
            ]
          : [],
      ),
  },
  {
    id: 'children-operators',
    // COPPA Rule 16 CFR 312.4(d)(1): the online notice names every operator collecting or
    // maintaining children's personal information through the service (312.2 "operator"
    // includes a company that collects directly from users where the operator benefits). An SDK
    // from another company is where such an operator usually is, so the declaration says who
    // they are, or that there are none (an empty list).
    missing: (model, declared) =>
      model.children && model.cookies?.technologies.includes('sdks') && !declared(['children', 'other_operators'])
        ? [
            {
              path: ['children', 'other_operators'],
              message:
                "The services use SDKs from other companies, but the declaration does not say whether any of them collects or maintains personal information from children as an operator; COPPA's online notice names every operator.",
              hint: 'Add other_operators: with each such company (name, e-mail, telephone, address), or other_operators: [] if none does.',
            },
          ]
        : [],
  },
  {
    id: 'children-internal-operations',
    // COPPA Rule 16 CFR 312.4(d)(3), added in 2025: where an operator collects a persistent
    // identifier, and no other personal information, without parental consent to support its
    // internal operations (312.5(c)(7)), the online notice names those operations and the means
    // that keep the identifier from other use. A children's service that declares such
    // identifiers says whether it collects any that way (an empty list: none), and how.
    missing: (model, declared) => {
      if (!model.children) return [];
      if (declared(['children', 'internal_operations'])) {
        return (model.children.internal_operations ?? []).length > 0 && !declared(['children', 'identifier_safeguards'])
          ? [
              {
                path: ['children', 'identifier_safeguards'],
                message:
                  "The services collect persistent identifiers from children without a parent's consent for internal operations, but the declaration does not say how they are kept from being used to contact a child, for behavioural advertising, to build a profile or for any other purpose; COPPA's online notice states it.",
                hint: 'Add identifier_safeguards: the measures, in a sentence or two (for example how the identifiers are kept apart, who can use them and when they are deleted).',
              },
            ]
          : [];
      }
      const identifiers = model.data.some((d) => d.kind === 'device-identifiers' || d.kind === 'online-identifiers');
      return identifiers
        ? [
            {
              path: ['children'],
              message:
                "The services collect device or online identifiers, but the declaration does not say whether any is collected from children without a parent's consent to support internal operations; COPPA's online notice names those operations.",
              hint: 'Add internal_operations: with the operations (for example [maintain-functioning, security-integrity]) and identifier_safeguards:, or internal_operations: [] if no identifier is collected from children without consent.',
            },
          ]
        : [];
    },
  },
  {
    id: 'children-public-posting',
    // COPPA Rule 16 CFR 312.4(d)(2), in the 2013 and the 2025 text alike: the online notice says
    // what is collected from children, "including whether the website or online service enables
    // a child to make personal information publicly available".
    missing: (model, declared) =>
      model.children && !declared(['children', 'public_posting'])
        ? [
            {
              path: ['children', 'public_posting'],
              message:
                "Whether the services let a child make personal information publicly available is not declared; COPPA's online notice states it either way.",
              hint: 'Add public_posting: true if a child can post, comment, chat or show a profile that others can see; otherwise public_posting: false.',
            },
          ]
        : [],
  },
  {
    id: 'children-retention-reasons',
    // COPPA Rule 16 CFR 312.10 as amended in 2025: the written retention policy in the online
    // notice sets out "the purposes for which children's personal information is collected, the
    // business need for retaining such information, and a timeframe for deletion". The purposes
    // and the period have their own fields; this asks for the business need of each category.
    missing: (model, declared) =>
      model.data.flatMap((category, i) =>
        category.retention && !declared(['data', i, 'retention_reason'])
          ? [
              {
                path: ['data', i, 'retention_reason'],
                message: `The data category "${category.id}" has a retention period but not the business need for keeping it that long, which COPPA's written retention policy states.`,
                hint: 'Add retention_reason: with the need the period serves, for example "so that a parent can see a year of reading progress".',
              },
            ]
          : [],
      ),
  },
  {
    id: 'children-third-parties',
    // COPPA Rule 16 CFR 312.4(d)(2) as amended in 2025 (compliance from 22 April 2026): the
    // online notice gives "the identities and specific categories of any third parties to which
    // the operator discloses personal information and the purposes for such disclosures". A
    // third party is anyone but an operator or a person supporting the service's internal
    // operations who uses the information for nothing else (312.2): a processor is not one.
    // Authorities, a buyer of the business and other users are not named in advance.
    missing: (model, declared) =>
      model.recipients.flatMap((recipient, i) => {
        if (!childrensThirdParty(recipient)) return [];
        const gaps: Gap[] = [];
        if (recipient.vendors.length === 0 || recipient.vendors_complete !== true) {
          const path: Path = ['recipients', i, recipient.vendors.length === 0 ? 'vendors' : 'vendors_complete'];
          gaps.push({
            path,
            message:
              recipient.vendors.length === 0
                ? `The recipient "${recipient.id}" receives children's personal information, but no company is named; COPPA's online notice gives the identity of each third party that receives it.`
                : `The recipient "${recipient.id}" receives children's personal information, but the declaration does not say that its vendors are all of them; COPPA's online notice gives the identity of each third party.`,
            hint: 'Name every company of this kind that receives the information under vendors:, then add vendors_complete: true.',
          });
        }
        if (!declared(['recipients', i, 'description']) && !declared(['recipients', i, 'purposes'])) {
          gaps.push({
            path: ['recipients', i, 'purposes'],
            message: `The recipient "${recipient.id}" receives children's personal information, but the purposes of that disclosure are not declared.`,
            hint: 'Add purposes: with the ids of the purposes the disclosure serves, or a description: of what the recipient does with the information.',
          });
        }
        return gaps;
      }),
  },
  {
    id: 'overseas-recipients',
    // PIPL Art. 39: for each recipient outside mainland China, its name and contact details, the
    // purpose and method of handling, the categories, and how to exercise rights against it.
    missing(model, declared) {
      if (!model.transfers?.cross_border) return [];
      const gaps: Gap[] = [];
      model.recipients.forEach((recipient, i) => {
        // Without its locations, the policy could not say whether a recipient is abroad, and its
        // list of overseas recipients would read as if this one were not.
        if (mayBeNamedAbroad(recipient) && recipient.locations === undefined) {
          gaps.push({
            path: ['recipients', i, 'locations'],
            message: `Personal information is provided outside mainland China, but the declaration does not say where the recipient "${recipient.id}" handles it, so the policy cannot say whether it is an overseas recipient, each of which the PIPL requires it to name.`,
            hint: 'Add locations: with the countries where it handles the information, for example [CN] if only in mainland China, or [CN, SG].',
          });
        }
        if (!overseasRecipient(recipient)) return;
        if (recipient.vendors.length === 0) {
          gaps.push({
            path: ['recipients', i, 'vendors'],
            message: `The recipient "${recipient.id}" is outside mainland China, but it is not named, so the policy cannot give the overseas recipient's name and contact details.`,
            hint: "Add vendors: with each company's name and contact (for example { name: Example Cloud, contact: { email: privacy@cloud.example } }).",
          });
        }
        if (recipient.vendors.length > 0 && recipient.vendors_complete !== true) {
          // Art. 39 names each overseas recipient: a list the declaration does not call complete
          // would let the policy read "these include" where the law wants every name.
          gaps.push({
            path: ['recipients', i, recipient.vendors_complete === false ? 'vendors_complete' : 'vendors'],
            message:
              recipient.vendors_complete === false
                ? `The recipient "${recipient.id}" is outside mainland China, and the declaration says its vendors are not all named; the PIPL requires the name of each overseas recipient.`
                : `The recipient "${recipient.id}" is outside mainland China, but the declaration does not say whether its vendors are all of them; the PIPL requires the name of each overseas recipient.`,
            hint: 'Name every company of this kind that receives the information under vendors:, then add vendors_complete: true.',
          });
        }
        recipient.vendors.forEach((vendor, j) => {
          if (!declared(['recipients', i, 'vendors', j, 'contact'])) {
            gaps.push({
              path: ['recipients', i, 'vendors', j, 'contact'],
              message: `"${vendor.name}" receives personal information outside mainland China, but its contact details are not declared.`,
              hint: 'Add contact: { email: … } (or phone: or url:) to the vendor.',
            });
          }
        });
        if (!declared(['recipients', i, 'description']) && !declared(['recipients', i, 'purposes'])) {
          gaps.push({
            path: ['recipients', i, 'purposes'],
            message: `The recipient "${recipient.id}" is outside mainland China, but neither what it does with personal information nor for which purposes is declared.`,
            hint: 'Add a description: of what it does with the information (for example "store and back up account data"), or purposes: with the ids it serves.',
          });
        }
        if (!declared(['recipients', i, 'handling'])) {
          gaps.push({
            path: ['recipients', i, 'handling'],
            message: `The recipient "${recipient.id}" is outside mainland China, but how it handles the personal information (the method, beside the purpose) is not declared.`,
            hint: 'Add handling:, for example "storage on servers they operate in Singapore".',
          });
        }
      });
      if (model.recipients.some(overseasRecipient) && !declared(['transfers', 'rights_abroad'])) {
        gaps.push({
          path: ['transfers', 'rights_abroad'],
          message:
            'Personal information is provided outside mainland China, but the declaration does not say how a person exercises their rights against the recipients there.',
          hint: 'Add transfers.rights_abroad, for example "Send your request to us; we pass it to the recipient and tell you its answer."',
        });
      }
      return gaps;
    },
  },
  {
    id: 'sensitive-necessity',
    // PIPL Art. 30: for sensitive personal information, why handling it is necessary and its
    // impact on the person's rights and interests.
    missing: (model, declared) => [
      ...model.data.flatMap((category, i) =>
        sensitiveUnder(category, 'cn') && !declared(['data', i, 'necessity'])
          ? [
              {
                path: ['data', i, 'necessity'],
                message: `The category "${category.id}" is sensitive personal information, but the declaration does not say why handling it is necessary and how that affects the person, which the law requires the policy to state.`,
                hint: 'Add necessity: in your own words, for example "We need your ID number to verify your age as the law requires; if it leaked it could be misused to open accounts in your name, so only two staff can see it."',
              },
            ]
          : [],
      ),
      // PIPL Art. 28 makes all personal information of minors under 14 sensitive: a service that
      // admits them (directed to children, or with a guardian's consent) states the same for it.
      ...(admitsMinors(model) && !declared(['children', 'necessity'])
        ? [
            {
              path: ['children', 'necessity'] as Path,
              message:
                'The services admit minors under 14, whose personal information the PIPL treats as sensitive, but the declaration does not say why handling it is necessary and how that affects them, which the law requires the policy to state.',
              hint: 'Add children.necessity: in your own words, for example "We need a child\'s account details to run the account a parent agreed to; if they leaked, strangers could contact the child."',
            },
          ]
        : []),
    ],
  },
  {
    id: 'recipient-roles',
    // VCDPA § 59.1-575, CPA § 6-1-1303(19), CTDPA § 42-515(29), PIPA Arts. 17 and 26: a processor
    // (or entrusted party) is not a third party, so a section that lists third parties needs
    // each recipient's role. A service provider is one by its kind; an affiliate, an authority,
    // a party to a business transfer and other users are classified by the law itself.
    missing: (model, declared) =>
      model.recipients.flatMap((recipient, i) =>
        !ROLE_BY_KIND.has(recipient.kind) && !declared(['recipients', i, 'role'])
          ? [
              {
                path: ['recipients', i, 'role'],
                message: `The recipient "${recipient.id}" (${recipient.kind}) may handle personal information on the organisation's behalf or for its own purposes, and the declaration does not say which, so the policy cannot say whether it is a third party.`,
                hint: 'Add role: processor (on your behalf and instructions) or role: independent (for its own purposes).',
              },
            ]
          : [],
      ),
  },
  {
    id: 'cross-border',
    missing: (_model, declared) =>
      declared(['transfers', 'cross_border'])
        ? []
        : [
            {
              path: ['transfers', 'cross_border'],
              message:
                'The declaration does not say whether personal information is disclosed to recipients in other countries, which the law requires the policy to state.',
              hint: 'Add transfers: { storage: [AU], cross_border: false } (or true, with the countries in storage or on the recipients).',
            },
          ],
  },
  {
    id: 'sensitive',
    always: true,
    missing: (model, declared) =>
      model.data.flatMap((category, i) =>
        SENSITIVE_KINDS.has(category.kind) && !declared(['data', i, 'sensitive'])
          ? [
              {
                path: ['data', i, 'sensitive'],
                message: `The data category "${category.id}" is of kind "${category.kind}", which some laws treat as sensitive, but it does not say whether it is sensitive.`,
                hint: 'Add sensitive: true (or false, if no law you are subject to treats it as sensitive in your case).',
              },
            ]
          : [],
      ),
  },
];
