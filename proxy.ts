import { NextResponse, type NextRequest } from "next/server";
import { newNonce, pagePolicy } from "@/lib/security/content-security-policy";

// Every response Next renders gets a Content Security Policy with a nonce of its own. Next reads
// the nonce from the request's Content-Security-Policy header and puts it on the scripts it writes
// (every page renders per request: the header reads the session), so inline scripts run only when
// this response wrote them. lib/security/content-security-policy.ts says what each directive allows.
export function proxy(request: NextRequest): NextResponse {
  const policy = pagePolicy(newNonce(), { development: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Not for Next's build output (immutable files, no document among them).
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
