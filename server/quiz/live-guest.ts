import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { clientAddress } from "../http/client-address";
import { getEnv } from "../env";

// A guest of a live room holds one signed cookie per room code: the room's and the player's ids,
// signed with a key derived from AUTH_SECRET for this purpose only. Whoever holds it is that
// player (reload, another tab, a dropped connection all resume the same score and streak); without
// the secret nobody can name another player. Room codes are reused once a room ends, so the claim
// names the room's id, not its code.

export type GuestClaim = { roomId: string; playerId: string };

export const GUEST_COOKIE_MAX_AGE_S = 12 * 60 * 60;
const ID = /^[A-Za-z0-9_-]{1,40}$/;

export function guestCookieName(code: string): string {
  return `learnloop-live-${code}`;
}

function key(): Buffer {
  return createHmac("sha256", getEnv().AUTH_SECRET).update("learnloop live-room guest v1").digest();
}

function signature(roomId: string, playerId: string): string {
  return createHmac("sha256", key()).update(`${roomId}.${playerId}`).digest("base64url");
}

export function signGuest(claim: GuestClaim): string {
  return `${claim.roomId}.${claim.playerId}.${signature(claim.roomId, claim.playerId)}`;
}

export function verifyGuest(token: string | undefined | null): GuestClaim | null {
  if (!token || token.length > 200) return null;
  const [roomId, playerId, given, extra] = token.split(".");
  if (extra !== undefined || !roomId || !playerId || !given || !ID.test(roomId) || !ID.test(playerId)) return null;
  const expected = Buffer.from(signature(roomId, playerId));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { roomId, playerId };
}

/** The guest claim for room `code` in a request's Cookie header, if any and if its signature holds. */
export function guestFromHeaders(headers: Headers, code: string): GuestClaim | null {
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  const name = guestCookieName(code);
  for (const part of cookie.split(";")) {
    const index = part.indexOf("=");
    if (index < 0 || part.slice(0, index).trim() !== name) continue;
    let value = part.slice(index + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      return null;
    }
    return verifyGuest(value);
  }
  return null;
}

/** The address a guest join counts against: the client's, as every per-address limit sees it (TRUST_PROXY). */
export function joinAddress(headers: Headers): string {
  return clientAddress(headers);
}
