// Edge-safe part of the Auth.js config (no database, no bcrypt): used by the proxy for coarse
// redirects only. Every page, action and route handler authorizes itself again.
import type { NextAuthConfig } from "next-auth";
import { decode, encode } from "./jwt-cache";

/** An idle session ends after 30 minutes; every session ends 12 hours after sign-in. */
export const IDLE_TIMEOUT_SECONDS = 30 * 60;
export const ABSOLUTE_TIMEOUT_SECONDS = 12 * 60 * 60;

export const authConfig = {
  pages: { signIn: "/login" },
  trustHost: true,
  // The cookie is re-issued on every request through the proxy, so maxAge acts as the idle timeout.
  session: { strategy: "jwt", maxAge: IDLE_TIMEOUT_SECONDS, updateAge: 0 },
  jwt: { encode, decode },
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const path = request.nextUrl.pathname;
      if (path === "/login") return true;
      return Boolean(auth?.user);
    },
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.loginAt = Date.now();
      }
      const loginAt = typeof token.loginAt === "number" ? token.loginAt : 0;
      if (Date.now() - loginAt > ABSOLUTE_TIMEOUT_SECONDS * 1000) return null;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sid === "string") (session as typeof session & { sid?: string }).sid = token.sid;
      return session;
    },
  },
} satisfies NextAuthConfig;
