/**
 * Values from the declaration never pass through a Markdown parser as markup. Templates see
 * opaque tokens instead of text; after the rendered Markdown is parsed, the assemble stage
 * puts each value back as an mdast text node (or a checked link URL), and
 * mdast-util-to-markdown escapes it on output. A token is made of Unicode private-use
 * characters and digits, which no Markdown construct, HTML escaper or Handlebars delimiter
 * gives a meaning to.
 */
export const TOKEN_OPEN = '\uE000';
export const TOKEN_CLOSE = '\uE001';
export const TOKEN_PATTERN = /\uE000(\d+)\uE001/g;

export type TokenKind = 'text' | 'markdown';

export interface TokenValue {
  value: string;
  kind: TokenKind;
}

/** The values behind the tokens of one render. */
export class TokenTable {
  readonly values: TokenValue[] = [];
  private readonly index = new Map<string, number>();

  /** The token that stands for `value`; the same value always gets the same token. */
  token(value: string, kind: TokenKind = 'text'): string {
    const key = kind + '\0' + value;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.values.length;
      this.values.push({ value, kind });
      this.index.set(key, i);
    }
    return TOKEN_OPEN + i + TOKEN_CLOSE;
  }

  /** The number of a token this table made. */
  indexOf(token: string): number {
    return Number(token.slice(TOKEN_OPEN.length, -TOKEN_CLOSE.length));
  }

  /** Replaces every token in a string with its value. */
  expand(text: string): string {
    return text.replace(TOKEN_PATTERN, (_, i: string) => this.values[Number(i)]?.value ?? '');
  }
}

