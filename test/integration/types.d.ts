// Eleventy 3 ships no type declarations; this is the part of its API the integration test uses.
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { quietMode?: boolean; configPath?: string }, eleventyConfig?: unknown);
    write(): Promise<unknown>;
  }
}
