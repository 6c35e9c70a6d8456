/** A generated declaration as YAML text: `size` data categories, `vendors` vendors and `cookies` cookies. */
export function generateDeclaration(options?: { size?: number; vendors?: number; cookies?: number; seed?: number }): string;
