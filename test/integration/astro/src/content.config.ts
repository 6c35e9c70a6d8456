import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

// The front matter policygen writes with
//   front_matter: [title, description, last_updated, locale, version]
// `.strict()` makes the build fail if policygen starts writing fields this schema does not know.
const policies = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './src/content/policies' }),
  schema: z
    .object({
      title: z.string().min(1),
      description: z.string().min(1),
      last_updated: z.coerce.date(),
      locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/),
      version: z.string().regex(/^[0-9a-f]{12}$/),
    })
    .strict(),
});

export const collections = { policies };
