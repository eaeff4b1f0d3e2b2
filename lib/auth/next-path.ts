/**
 * Where to go after signing in: only a path on this site. `//evil.example` and
 * `/\evil.example` are other sites to a browser, so they fall back to the functions list.
 */
export function safeNext(next: string | null | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || /[\u0000-\u001f]/.test(next))
    return "/";
  return next;
}
