import type { Model } from '../normalize/normalize.js';

/** Whether personal information is sold, as the sale section or any recipient says. */
export function sells(model: Model): boolean {
  return Boolean(model.sale?.sells) || model.recipients.some((r) => r.sold);
}

/** Whether personal information is shared for cross-context behavioural (targeted) advertising. */
export function sharesForAdvertising(model: Model): boolean {
  return Boolean(model.sale?.shares) || model.recipients.some((r) => r.shared_for_advertising);
}
