const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8, refusing invalid input rather than replacing it with U+FFFD, and says where
 * the first invalid byte is (1-based line and column).
 */
export function decodeUtf8(
  bytes: Uint8Array,
): { text: string } | { error: { byte: number; offset: number; line: number; column: number } } {
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const offset = firstInvalid(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const lines = before.split('\n');
    return {
      error: { byte: bytes[offset] ?? 0, offset, line: lines.length, column: lines[lines.length - 1]!.length + 1 },
    };
  }
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalid(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let j = 1; j < length; j++) if ((bytes[i + j]! & 0xc0) !== 0x80) return i;
    // Overlong, surrogate and out-of-range forms.
    const b1 = bytes[i + 1] ?? 0;
    if (
      (b === 0xe0 && b1 < 0xa0) ||
      (b === 0xed && b1 > 0x9f) ||
      (b === 0xf0 && b1 < 0x90) ||
      (b === 0xf4 && b1 > 0x8f)
    )
      return i;
    i += length;
  }
  return bytes.length;
}
