import { dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";

// Sign-in throttling and password rules (OWASP ASVS 5.0, V6.2 and V6.3), server side only: the
// common-password list is 49,000 entries and never ships to a browser.

/** Failed sign-ins one address may make on one account before each further try must wait. */
export const FREE_FAILURES = 5;
/** The longest wait between tries from one address on one account. */
export const MAX_DELAY_SECONDS = 15 * 60;
/** How long failures count: an address that stops trying for this long starts afresh. */
export const FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * Seconds an address must wait after its latest failure on an account before it may try again:
 * none for the first FREE_FAILURES failures, then 1, 2, 4 … seconds, at most MAX_DELAY_SECONDS.
 * The owner, on their own address, is never held up by someone else's failures.
 */
export function retryDelaySeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_FAILURES));
}

// Only entries a password could be (the length rule refuses the rest anyway).
const common = new Set(dictionary["passwords-common"].filter((entry) => entry.length >= PASSWORD_MIN_LENGTH));

/**
 * Why a new password is refused, in a sentence, or null when it is fine: one of the most common
 * passwords (the list of zxcvbn-ts, from breached-password corpora), one character repeated, or the
 * account's own email or name.
 */
export function passwordProblem(password: string, account: { email: string; name?: string }): string | null {
  const lower = password.toLowerCase();
  if (common.has(lower))
    return "This password is one of the most common passwords, which attackers try first. Choose another one.";
  if (new Set(lower).size === 1) return "A password of one repeated character is guessed at once. Choose another one.";
  const local = account.email.toLowerCase().split("@")[0] ?? "";
  if (
    lower === account.email.toLowerCase() ||
    (local.length >= 4 && lower.includes(local)) ||
    (account.name && lower === account.name.trim().toLowerCase())
  ) {
    return "A password must not contain your email address or be your name. Choose another one.";
  }
  return null;
}
