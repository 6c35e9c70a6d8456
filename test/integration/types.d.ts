// Eleventy 3 ships no type declarations; this is the part of its API the integration test uses.
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(
      input?: string,
      output?: string,
      options?: { quietMode?: boolean; configPath?: string },
      eleventyConfig?: unknown,
    );
    write(): Promise<unknown>;
  }
}

// markdown-it, markdown-it-attrs and nunjucks ship no type declarations; the downstream test
// uses this much of them.
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean });
    use(plugin: unknown, options?: unknown): MarkdownIt;
    render(source: string): string;
  }
}
declare module 'markdown-it-attrs' {
  const plugin: unknown;
  export default plugin;
}
declare module 'nunjucks' {
  const nunjucks: { renderString(source: string, context: object): string };
  export default nunjucks;
}
