"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getViewer } from "@/server/auth/viewer";
import { DomainError } from "@/server/errors";
import { joinRoom } from "@/server/quiz/live";
import { GUEST_COOKIE_MAX_AGE_S, guestCookieName, guestFromHeaders, joinAddress, signGuest } from "@/server/quiz/live-guest";

export type JoinFormState = {
  error?: string;
  fieldErrors?: { code?: string[]; nickname?: string[] };
  values?: { code?: string; nickname?: string };
};

const CODE = /^\d{6}$/;

/**
 * Joins a live room from the /join form: a signed-in learner as themselves, anyone else as a guest
 * with a nickname. A guest's signed cookie is set here (HttpOnly, this site only), so the tRPC
 * calls and the live stream that follow know the player whichever server path serves them.
 */
export async function joinLiveAction(_state: JoinFormState, formData: FormData): Promise<JoinFormState> {
  const code = String(formData.get("code") ?? "").replace(/\s+/g, "");
  const nickname = String(formData.get("nickname") ?? "");
  const values = { code, nickname };
  if (!CODE.test(code)) return { fieldErrors: { code: ["A room code is six digits."] }, values };
  const requestHeaders = await headers();
  const viewer = await getViewer();
  try {
    const joined = await joinRoom({
      actor: { viewer, guest: guestFromHeaders(requestHeaders, code) },
      code,
      nickname,
      address: joinAddress(requestHeaders),
    });
    if (joined.guest) {
      (await cookies()).set(guestCookieName(code), signGuest(joined.guest), {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        maxAge: GUEST_COOKIE_MAX_AGE_S,
        secure: (requestHeaders.get("origin") ?? "").startsWith("https:"),
      });
    }
  } catch (error) {
    if (error instanceof DomainError) {
      const field = /nickname|called/i.test(error.message) ? "nickname" : error.code === "NOT_FOUND" ? "code" : null;
      return field ? { fieldErrors: { [field]: [error.message] }, values } : { error: error.message, values };
    }
    throw error;
  }
  redirect(`/live/${code}`);
}
