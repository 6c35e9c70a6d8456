import type { Model } from '../normalize/normalize.js';

/** Whether personal information is sold, as the sale section or any recipient says. */
export function sells(model: Model): boolean {
  return Boolean(model.sale?.sells) || model.recipients.some((r) => r.sold);
}

/** Whether a recipient holds or processes personal information outside mainland China (where PIPL Art. 38-39 apply). */
export function outsideMainland(recipient: Pick<Model['recipients'][number], 'locations'>): boolean {
  return (recipient.locations ?? []).some((code) => code !== 'CN');
}

/** A recipient outside mainland China that PIPL Art. 39 asks the policy to name: any but a public authority. */
export function overseasRecipient(recipient: Model['recipients'][number]): boolean {
  return recipient.kind !== 'public-authority' && outsideMainland(recipient);
}

/**
 * A recipient that PIPL Art. 39 would name if it were abroad: any but a public authority, a
 * successor not yet known, or other users (named when the transfer happens, or not at all).
 */
export function mayBeNamedAbroad(recipient: Model['recipients'][number]): boolean {
  return !NOT_NAMED_IN_ADVANCE.has(recipient.kind);
}

/** Whether the services admit minors under 14 (PIPL Art. 28): directed to children, or with a guardian's consent. */
export function admitsMinors(model: Model): boolean {
  const children = model.children;
  return Boolean(children && (children.directed_to_children || children.parental_consent !== undefined));
}

/** Whether personal information is shared for cross-context behavioural (targeted) advertising. */
export function sharesForAdvertising(model: Model): boolean {
  return Boolean(model.sale?.shares) || model.recipients.some((r) => r.shared_for_advertising);
}

/** Kinds COPPA's online notice does not name in advance (authorities, a buyer, other users). */
const NOT_NAMED_IN_ADVANCE: ReadonlySet<string> = new Set(['public-authority', 'business-transfer', 'other-users']);

/**
 * A recipient of children's data that is a "third party" under the COPPA Rule (16 CFR 312.2):
 * not a person supporting the service's internal operations on its behalf (a processor), and
 * one the notice names in advance (not an authority, a buyer of the business or other users).
 */
export function childrensThirdParty(recipient: Pick<Model['recipients'][number], 'kind' | 'role' | 'data'>): boolean {
  if (NOT_NAMED_IN_ADVANCE.has(recipient.kind) || recipient.data.length === 0) return false;
  return recipient.kind !== 'service-provider' && recipient.role !== 'processor';
}

/** The data categories declared as kept indefinitely, with their index (retention rules report at them). */
export function keptIndefinitely(model: Model): { id: string; index: number }[] {
  return model.data.flatMap((category, index) =>
    category.retention?.kind === 'indefinite' ? [{ id: category.id, index }] : [],
  );
}
