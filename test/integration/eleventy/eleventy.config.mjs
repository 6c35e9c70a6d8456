// A minimal Eleventy site that publishes policygen's HTML fragment as a page.
//
// policygen writes two files into the site root:
//   privacy.html  the policy as an <article> fragment (`--fragment`), the page's content
//   privacy.json  the policy as JSON, which Eleventy reads as privacy.html's template data
//                 file, so the layout can use its `title`, `organization` and `locale`
// privacy.11tydata.json (part of the site) gives the page its layout and permalink.
export default function (eleventyConfig) {
  // The fragment is finished HTML: do not run it through Liquid first, so that text such as
  // "{{" in a policy is printed, never evaluated.
  eleventyConfig.setTemplateFormats(['html', 'njk']);
  return {
    htmlTemplateEngine: false,
    dir: { includes: '_includes' },
  };
}
