// Generates declarations of any size for the benchmark: `size` scales the number of data
// categories, purposes, vendors and cookies; `seed` varies the text so no two are identical.
import { stringify } from 'yaml';

/** A valid declaration (jurisdictions us and eea) with about `size` data categories. */
export function generateDeclaration({ size = 10, vendors = size, cookies = size, seed = 0 } = {}) {
  const kinds = [
    'contact-details',
    'usage-data',
    'device-identifiers',
    'commercial-information',
    'profile-information',
    'online-identifiers',
  ];
  const data = Array.from({ length: size }, (_, i) => ({
    id: `data-${i}`,
    kind: kinds[i % kinds.length],
    label: `Category ${i} of organisation ${seed}`,
    examples: [`example ${i}a`, `example ${i}b for ${seed}`],
    sources: i % 2 ? ['automatic'] : ['user'],
    ...(i % 2 ? {} : { required: false }),
    retention: `${(i % 24) + 1} months after the account is closed`,
  }));
  const purposeCount = Math.max(1, Math.ceil(size / 4));
  const purposes = Array.from({ length: purposeCount }, (_, p) => ({
    id: `purpose-${p}`,
    description: `provide feature ${p} of service ${seed}`,
    data: data.filter((_, i) => i % purposeCount === p).map((d) => d.id),
    legal_basis: 'contract',
  }));
  // The schema allows 200 vendors per recipient: larger declarations spread them out.
  const recipients = Array.from({ length: Math.max(1, Math.ceil(vendors / 100)) }, (_, r) => ({
    id: `providers-${r}`,
    kind: 'service-provider',
    description: 'host and operate our services',
    data: data.slice(0, Math.min(size, 5)).map((d) => d.id),
    vendors: Array.from({ length: Math.min(100, vendors - r * 100) }, (_, v) => ({
      name: `Vendor ${r * 100 + v} (${seed})`,
      url: `https://vendor-${r * 100 + v}.example`,
    })),
  }));
  return stringify(
    {
      policygen: 1,
      organization: {
        name: `Organisation ${seed}`,
        contact: { email: `privacy-${seed}@example.com` },
        address: { street: `${seed} Main St`, city: 'Springfield', country: 'United States' },
        established_in: ['us', 'eea'],
      },
      effective: '2025-01-01',
      jurisdictions: ['us', 'eea'],
      data,
      purposes,
      automated_decision_making: false,
      recipients,
      cookies: {
        technologies: ['cookies'],
        consent: {
          how: `A banner asks whether you accept the cookies that are not strictly necessary (${seed}).`,
          withdraw: `You can change that choice under Cookie settings at the foot of page ${seed}.`,
        },
        items: Array.from({ length: cookies }, (_, c) => ({
          name: `cookie_${c}_${seed}`,
          provider: `Vendor ${c % Math.max(1, vendors)}`,
          purpose: purposes[c % purposeCount].id,
          duration: `${(c % 12) + 1} months`,
          party: c % 2 ? 'third' : 'first',
        })),
      },
      rights: { channels: [{ email: `privacy-${seed}@example.com` }], response_time: '1 month' },
      children: { directed_to_children: false, minimum_age: 16 },
      changes: { notice: ['posted-on-page'] },
    },
    { lineWidth: 0 },
  );
}

/**
 * The equal-work declaration of the block-programs issue: about 40 data categories with
 * purposes, legal bases and retention, 30 named third parties, cookies, and eea + uk + us-ca.
 * Every free-text value carries `seed`, so two seeds give the same structure with every value
 * different (what a warm compile "with every value changed" measures).
 */
export function equalWorkDeclaration({ seed = 0, categories = 40, vendors = 30 } = {}) {
  const kinds = [
    'contact-details',
    'usage-data',
    'device-identifiers',
    'commercial-information',
    'profile-information',
    'online-identifiers',
    'location-approximate',
    'financial-information',
  ];
  const bases = ['contract', 'legitimate-interests', 'consent', 'legal-obligation'];
  const purposeCount = 10;
  const data = Array.from({ length: categories }, (_, i) => ({
    id: `data-${i}`,
    kind: kinds[i % kinds.length],
    label: `Records of type ${i} kept by team ${seed}`,
    examples: [`item ${i}a of ${seed}`, `item ${i}b of ${seed}`],
    sources: i % 3 === 0 ? ['automatic'] : ['user'],
    ...(i % 3 === 0 ? {} : { required: i % 2 === 0 }),
    ...(i % 3 !== 0 && i % 2 === 0 ? { required_because: `we cannot serve request ${seed}.${i} without it` } : {}),
    retention: `${(i % 24) + 1} months after the account is closed`,
  }));
  const purposes = Array.from({ length: purposeCount }, (_, p) => ({
    id: `purpose-${p}`,
    description: `run feature ${p} of service ${seed}`,
    data: data.filter((_, i) => i % purposeCount === p).map((d) => d.id),
    legal_basis: bases[p % bases.length],
    ...(bases[p % bases.length] === 'legitimate-interests'
      ? { legitimate_interest: `keeping service ${seed} running well` }
      : {}),
    category: p % 2 ? 'commercial' : 'business',
  }));
  const kindsOfRecipient = ['service-provider', 'analytics-provider', 'payment-processor'];
  const recipients = kindsOfRecipient.map((kind, r) => {
    const received = data.filter((_, i) => i % 3 === r).map((d) => d.id);
    return {
      id: `recipients-${r}`,
      kind,
      description: `operate part ${r} of our services for team ${seed}`,
      data: received,
      // Every purpose that uses a category the recipient receives (recipient-purpose-data).
      purposes: purposes.filter((p) => p.data.some((id) => received.includes(id))).map((p) => p.id),
      sold: false,
      shared_for_advertising: false,
      locations: ['US'],
      vendors: Array.from({ length: vendors / kindsOfRecipient.length }, (_, v) => ({
        name: `Vendor ${r}-${v} of ${seed}`,
        url: `https://vendor-${r}-${v}-${seed}.example`,
      })),
    };
  });
  return stringify(
    {
      policygen: 1,
      organization: {
        name: `Organisation ${seed}`,
        contact: { email: `privacy-${seed}@example.com` },
        address: { street: `${seed} Main St`, city: 'Springfield', postal_code: '12345', country: 'United States' },
        established_in: ['us-ca', 'eea', 'uk'],
      },
      effective: '2025-01-01',
      jurisdictions: ['eea', 'uk', 'us-ca'],
      data,
      purposes,
      automated_decision_making: false,
      recipients,
      sale: { sells: false, shares: false, sensitive_beyond_permitted: false },
      cookies: {
        technologies: ['cookies'],
        consent: {
          how: `On the first visit a banner asks which kinds of cookie you accept (${seed}).`,
          withdraw: `Change the choice at any time under Privacy settings, item ${seed}.`,
        },
        third_party_tracking: true,
        do_not_track: {
          response: 'not-honored',
          reason: `Service ${seed} follows the Global Privacy Control signal instead.`,
        },
        items: Array.from({ length: 12 }, (_, c) => ({
          name: `cookie_${c}_${seed}`,
          provider: `Vendor 0-${c % 10} of ${seed}`,
          purpose: `purpose-${c % purposeCount}`,
          duration: `${(c % 12) + 1} months`,
          party: c % 2 ? 'third' : 'first',
        })),
      },
      transfers: {
        storage: ['US'],
        cross_border: true,
        mechanisms: ['scc', 'uk-addendum'],
        safeguards_copy: `Ask team ${seed} for a copy of the clauses.`,
      },
      rights: {
        channels: [{ email: `privacy-${seed}@example.com` }, { form: `https://example-${seed}.com/privacy-request` }],
        response_time: '1 month',
      },
      children: { directed_to_children: false, minimum_age: 16 },
      changes: { notice: ['posted-on-page'] },
    },
    { lineWidth: 0 },
  );
}
