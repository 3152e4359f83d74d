const token =
  /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:(?:(?<=\p{N})[.,](?=\p{N})|-(?=[\p{L}\p{N}])|['’](?=\p{L}))[\p{L}\p{M}\p{N}]+)*/gu;

/** Words and numbers: `batasan-batasan`, `Jong-un`, `1.500.000` and `3,5` stay whole; punctuation is dropped. */
export function tokenize(text: string): string[] {
  return text.match(token) ?? [];
}
