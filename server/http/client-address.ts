import { BlockList, isIP } from "node:net";
import { getEnv, type TrustProxy } from "../env";
import { PEER_ADDRESS_HEADER } from "./peer-address";

/**
 * The address of the client behind a request, for every per-address limit (sign-in, sign-up …).
 *
 * It reads exactly two request headers:
 * - `x-learnloop-peer-address` (PEER_ADDRESS_HEADER): the TCP peer of the connection,
 *   `socket.remoteAddress`, written by our own server process on every request over whatever the
 *   client sent (`stampPeerAddress` / `stampEveryRequest` in ./peer-address.ts; instrumentation.ts
 *   subscribes for Next's server). A server that hands requests to these handlers must provide the
 *   same header the same way.
 * - `x-forwarded-for`, only as far as TRUST_PROXY allows: by default (0) it is ignored and the
 *   peer is the client. Next does not protect it: its server sets x-forwarded-for to the socket
 *   address only when the request has none (`??=` in next/dist/server/base-server.js), so a value
 *   the client made up reaches the handlers unchanged.
 *
 * With TRUST_PROXY=N, the chain is the x-forwarded-for entries followed by the peer, and the
 * client is the entry N places before the peer (each trusted proxy appends the address it saw).
 * With a list of proxy addresses or CIDR ranges, the client is the nearest entry that is not one
 * of them. Returns "unknown" when the peer header is missing (a server that did not stamp it).
 */
export function clientAddress(headers: Headers, trust: TrustProxy = getEnv().TRUST_PROXY): string {
  const peer = normalise(headers.get(PEER_ADDRESS_HEADER) ?? "");
  if (!peer) return "unknown";
  if (trust.hops === 0 && trust.proxies.length === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map(normalise).filter(Boolean);
  const chain = [...forwarded, peer];
  if (trust.proxies.length === 0) return chain[Math.max(0, chain.length - 1 - trust.hops)]!;
  const proxies = proxyList(trust.proxies);
  for (let index = chain.length - 1; index >= 0; index--) {
    const entry = chain[index]!;
    const family = isIP(entry);
    if (family === 0 || !proxies.check(entry, family === 4 ? "ipv4" : "ipv6")) return entry;
  }
  return chain[0]!;
}

// "::ffff:10.0.0.1" is the IPv4 address 10.0.0.1 on a dual-stack socket; one client, one key.
function normalise(entry: string): string {
  const trimmed = entry.trim().slice(0, 64);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped ? mapped[1]! : trimmed).toLowerCase();
}

const lists = new Map<string, BlockList>();
function proxyList(entries: string[]): BlockList {
  const key = entries.join(",");
  let list = lists.get(key);
  if (!list) {
    list = new BlockList();
    for (const entry of entries) {
      const [address, prefix] = entry.split("/");
      const type = isIP(address!) === 6 ? "ipv6" : "ipv4";
      if (prefix === undefined) list.addAddress(address!, type);
      else list.addSubnet(address!, Number(prefix), type);
    }
    lists.set(key, list);
  }
  return list;
}
