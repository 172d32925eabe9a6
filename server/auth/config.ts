import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import type { Role } from "../generated/prisma/enums";
import { db } from "../db";
import { getEnv } from "../env";
import { DomainError } from "../errors";
import { authenticate } from "./service";
import { endSession, openSession, SESSION_MAX_AGE_SECONDS } from "./sessions";

declare module "next-auth" {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { id: string; role: Role; name: string; email: string };
    /** The server-side session this cookie belongs to (server/auth/sessions.ts). */
    sessionId?: string;
  }
}

/** Auth.js puts `code` into the redirect URL; the sign-in form maps it back to a sentence. */
export class RateLimitedSignin extends CredentialsSignin {
  code = "rate_limited";
}

function oauthProviders(): NextAuthConfig["providers"] {
  const env = getEnv();
  const providers: NextAuthConfig["providers"] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));
  }
  return providers;
}

export function enabledOAuthProviders(): { id: string; name: string }[] {
  const env = getEnv();
  return [
    ...(env.AUTH_GITHUB_ID ? [{ id: "github", name: "GitHub" }] : []),
    ...(env.AUTH_GOOGLE_ID ? [{ id: "google", name: "Google" }] : []),
  ];
}

// OAuth profiles may come without a name; ours is required, so fall back to the email's local part.
function learnloopAdapter(): Adapter {
  const base = PrismaAdapter(db) as Adapter;
  return {
    ...base,
    createUser: async (user) => {
      const name = user.name?.trim() || user.email.split("@")[0] || "Learner";
      const created = await db.user.create({
        data: { email: user.email.toLowerCase(), name, image: user.image ?? null, emailVerified: user.emailVerified ?? null },
      });
      return { ...created, emailVerified: created.emailVerified };
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  adapter: learnloopAdapter(),
  secret: getEnv().AUTH_SECRET,
  // Self-hosted behind whatever proxy the admin runs: the Host header is the site's address.
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // A failed sign-in is routine (the form says so); only real errors deserve a stack in the logs.
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        try {
          const user = await authenticate({
            email: credentials?.email,
            password: credentials?.password,
            headers: request.headers,
          });
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        } catch (error) {
          if (error instanceof DomainError && error.code === "TOO_MANY_REQUESTS") throw new RateLimitedSignin();
          if (error instanceof DomainError) return null;
          throw error;
        }
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = user.role ?? "LEARNER";
        token.sid = await openSession(user.id);
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.role = (token.role as Role | undefined) ?? "LEARNER";
      session.sessionId = typeof token.sid === "string" ? token.sid : undefined;
      return session;
    },
  },
  events: {
    // Signing out ends the session on the server, so a copy of the cookie is worthless.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await endSession(sid);
    },
  },
}));
