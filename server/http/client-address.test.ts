import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";
import { PEER_ADDRESS_HEADER } from "./peer-address";

const request = (peer: string | null, forwardedFor?: string) => {
  const headers = new Headers();
  if (peer !== null) headers.set(PEER_ADDRESS_HEADER, peer);
  if (forwardedFor !== undefined) headers.set("x-forwarded-for", forwardedFor);
  return headers;
};
const none = { hops: 0, proxies: [] };

describe("clientAddress", () => {
  it("is the connection's peer by default, whatever X-Forwarded-For claims", () => {
    expect(clientAddress(request("203.0.113.7", "1.2.3.4"), none)).toBe("203.0.113.7");
    expect(clientAddress(request("::ffff:203.0.113.7"), none)).toBe("203.0.113.7");
    expect(clientAddress(request(null, "1.2.3.4"), none)).toBe("unknown");
  });

  it("follows X-Forwarded-For through exactly the trusted number of hops", () => {
    // client 198.51.100.1 → proxy A (appends it) → proxy B 10.0.0.2 (appends A's 10.0.0.1) → app
    const headers = request("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.1");
    expect(clientAddress(headers, { hops: 1, proxies: [] })).toBe("10.0.0.1");
    expect(clientAddress(headers, { hops: 2, proxies: [] })).toBe("198.51.100.1");
    // More hops than entries: the leftmost entry, never past the chain.
    expect(clientAddress(request("10.0.0.2"), { hops: 3, proxies: [] })).toBe("10.0.0.2");
  });

  it("skips only listed proxies, so a spoofed entry left of a client is never reached", () => {
    const proxies = { hops: 0, proxies: ["10.0.0.0/8"] };
    expect(clientAddress(request("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.1"), proxies)).toBe("198.51.100.1");
    expect(clientAddress(request("203.0.113.9", "6.6.6.6"), proxies)).toBe("203.0.113.9");
    expect(clientAddress(request("10.0.0.2", "not-an-address"), proxies)).toBe("not-an-address");
  });
});
