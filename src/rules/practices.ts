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

/** Whether personal information is shared for cross-context behavioural (targeted) advertising. */
export function sharesForAdvertising(model: Model): boolean {
  return Boolean(model.sale?.shares) || model.recipients.some((r) => r.shared_for_advertising);
}
