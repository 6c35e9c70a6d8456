/** A generated declaration as YAML text: `size` data categories, `vendors` vendors and `cookies` cookies. */
export function generateDeclaration(options?: {
  size?: number;
  vendors?: number;
  cookies?: number;
  seed?: number;
}): string;

/** The equal-work declaration (40 categories, 30 vendors, cookies, eea + uk + us-ca); `seed` changes every value. */
export function equalWorkDeclaration(options?: { seed?: number; categories?: number; vendors?: number }): string;
