// A minimal static Astro site that renders policygen's Markdown (with front matter) from a
// content collection. Everything Astro caches stays inside the project folder, and nothing
// reaches the network.
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  site: 'https://northwind-photos.example',
  build: { format: 'directory' },
  cacheDir: './.astro-cache',
  devToolbar: { enabled: false },
  prefetch: false,
  // Publish the policy's wording exactly as policygen wrote it: Astro's default SmartyPants
  // would turn its straight quotes into curly ones and "--" into dashes.
  markdown: { smartypants: false },
  vite: { cacheDir: './.vite-cache', logLevel: 'error' },
});
