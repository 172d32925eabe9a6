/**
 * A same-site path to return to after signing in, or `fallback`. Anything that could leave the site
 * ("//evil.example", "https://…", "/\\evil") is refused: an open redirect would make our sign-in page
 * a phishing tool.
 */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 512) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(value)) return fallback;
  return value;
}
