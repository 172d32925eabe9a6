import { describe, expect, it } from "vitest";
import { guestCookieName, guestFromHeaders, signGuest, verifyGuest } from "./live-guest";

describe("a live-room guest's signed claim", () => {
  const claim = { roomId: "room_1", playerId: "player_1" };

  it("comes back from its own token and from the room's cookie", () => {
    expect(verifyGuest(signGuest(claim))).toEqual(claim);
    const headers = new Headers({ cookie: `a=b; ${guestCookieName("123456")}=${encodeURIComponent(signGuest(claim))}; c=d` });
    expect(guestFromHeaders(headers, "123456")).toEqual(claim);
    expect(guestFromHeaders(headers, "654321")).toBeNull();
  });

  it("is refused when any part is changed, missing or malformed", () => {
    const [room, player, signature] = signGuest(claim).split(".");
    for (const token of [`${room}.player_2.${signature}`, `room_2.${player}.${signature}`, `${room}.${player}.${signature!.slice(1)}`, `${room}.${player}`, `${room}.${player}.${signature}.x`, "", "...", "a".repeat(500)]) {
      expect(verifyGuest(token), token).toBeNull();
    }
    expect(guestFromHeaders(new Headers({ cookie: `${guestCookieName("123456")}=%E0%A4%A` }), "123456")).toBeNull();
  });
});
