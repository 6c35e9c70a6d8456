import { rule as adequacyDestination } from './adequacy-destination.js';
import { rule as appealProcess } from './appeal-process.js';
import { rule as automatedDecisionsContradiction } from './automated-decisions-contradiction.js';
import { rule as changesNoticeStated } from './changes-notice-stated.js';
import { rule as childrenRetentionLimited } from './children-retention-limited.js';
import { rule as childrenContradiction } from './children-contradiction.js';
import { rule as cookiePurposeContradiction } from './cookie-purpose-contradiction.js';
import { rule as vendorLocationContradiction } from './vendor-location-contradiction.js';
import { rule as retentionContradiction } from './retention-contradiction.js';
import { rule as crossBorderConsent } from './cross-border-consent.js';
import { rule as doNotTrackDisclosure } from './do-not-track-disclosure.js';
import { rule as doNotTrackMechanism } from './do-not-track-mechanism.js';
import { rule as dpoRequired } from './dpo-required.js';
import { rule as lawInForce } from './law-in-force.js';
import { rule as legalBasisRecognized } from './legal-basis-recognized.js';
import { rule as legalBasisRequired } from './legal-basis-required.js';
import { rule as legitimateInterestDescribed } from './legitimate-interest-described.js';
import { rule as limitSensitiveLink } from './limit-sensitive-link.js';
import { rule as minimumAgeThreshold } from './minimum-age-threshold.js';
import { rule as missingFact } from './missing-fact.js';
import { rule as optOutSignalHonored } from './opt-out-signal-honored.js';
import { rule as parentalConsentProcedure } from './parental-consent-procedure.js';
import { rule as postalAddressRequired } from './postal-address-required.js';
import { rule as provisionStated } from './provision-stated.js';
import { rule as recipientPurposeData } from './recipient-purpose-data.js';
import { rule as representativeRequired } from './representative-required.js';
import { rule as requestChannelRequired } from './request-channel-required.js';
import { rule as responseTimeDeadline } from './response-time-deadline.js';
import { rule as retentionLimited } from './retention-limited.js';
import { rule as retentionRequired } from './retention-required.js';
import type { Rule } from './rule.js';
import { rule as saleContradiction } from './sale-contradiction.js';
import { rule as saleOptOutLink } from './sale-opt-out-link.js';
import { rule as sensitiveContradiction } from './sensitive-contradiction.js';
import { rule as sensitiveDisclosurePermitted } from './sensitive-disclosure-permitted.js';
import { rule as sensitiveDataCondition } from './sensitive-data-condition.js';
import { rule as sensitiveExamples } from './sensitive-examples.js';
import { rule as sensitiveUseContradiction } from './sensitive-use-contradiction.js';
import { rule as sourceDescribed } from './source-described.js';
import { rule as thirdPartyTrackingDisclosure } from './third-party-tracking-disclosure.js';
import { rule as trackingSharingContradiction } from './tracking-sharing-contradiction.js';
import { rule as transferConsentRoutine } from './transfer-consent-routine.js';
import { rule as transferMechanismApplies } from './transfer-mechanism-applies.js';
import { rule as transferMechanismInForce } from './transfer-mechanism-in-force.js';
import { rule as transferMechanismRequired } from './transfer-mechanism-required.js';
import { rule as updateInterval } from './update-interval.js';

/** Every compliance rule, by id order. The id is also the file name and the doc page name. */
export const rules: readonly Rule[] = [
  adequacyDestination,
  appealProcess,
  automatedDecisionsContradiction,
  changesNoticeStated,
  childrenContradiction,
  childrenRetentionLimited,
  cookiePurposeContradiction,
  vendorLocationContradiction,
  retentionContradiction,
  crossBorderConsent,
  doNotTrackDisclosure,
  doNotTrackMechanism,
  dpoRequired,
  lawInForce,
  legalBasisRecognized,
  legalBasisRequired,
  legitimateInterestDescribed,
  limitSensitiveLink,
  minimumAgeThreshold,
  missingFact,
  optOutSignalHonored,
  parentalConsentProcedure,
  postalAddressRequired,
  provisionStated,
  recipientPurposeData,
  representativeRequired,
  requestChannelRequired,
  responseTimeDeadline,
  retentionLimited,
  retentionRequired,
  saleContradiction,
  saleOptOutLink,
  sensitiveContradiction,
  sensitiveDataCondition,
  sensitiveDisclosurePermitted,
  sensitiveExamples,
  sensitiveUseContradiction,
  sourceDescribed,
  thirdPartyTrackingDisclosure,
  trackingSharingContradiction,
  transferConsentRoutine,
  transferMechanismApplies,
  transferMechanismInForce,
  transferMechanismRequired,
  updateInterval,
];

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.id, rule]));
export type { Rule };
