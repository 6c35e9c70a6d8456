// Generates declarations of any size for the benchmark: `size` scales the number of data
// categories, purposes, vendors and cookies; `seed` varies the text so no two are identical.
import { stringify } from 'yaml';

/** A valid declaration (jurisdictions us and eea) with about `size` data categories. */
export function generateDeclaration({ size = 10, vendors = size, cookies = size, seed = 0 } = {}) {
  const kinds = ['contact-details', 'usage-data', 'device-identifiers', 'commercial-information', 'profile-information', 'online-identifiers'];
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
    vendors: Array.from({ length: Math.min(100, vendors - r * 100) }, (_, v) => ({ name: `Vendor ${r * 100 + v} (${seed})`, url: `https://vendor-${r * 100 + v}.example` })),
  }));
  return stringify(
    {
      policygen: 1,
      organization: { name: `Organisation ${seed}`, contact: { email: `privacy-${seed}@example.com` }, address: { street: `${seed} Main St`, city: 'Springfield', country: 'United States' } },
      effective: '2025-01-01',
      jurisdictions: ['us', 'eea'],
      data,
      purposes,
      automated_decision_making: false,
      recipients,
      cookies: {
        technologies: ['cookies'],
        items: Array.from({ length: cookies }, (_, c) => ({ name: `cookie_${c}_${seed}`, provider: `Vendor ${c % Math.max(1, vendors)}`, purpose: purposes[c % purposeCount].id, duration: `${(c % 12) + 1} months`, party: c % 2 ? 'third' : 'first' })),
      },
      rights: { channels: [{ email: `privacy-${seed}@example.com` }], response_time: '30 days' },
      children: { directed_to_children: false, minimum_age: 16 },
      changes: { notice: ['posted-on-page'] },
    },
    { lineWidth: 0 },
  );
}
