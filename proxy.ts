import NextAuth from "next-auth";
import { authConfig } from "@/lib/server/auth/config";

// Coarse gate only: signed-out visitors go to /login. Authorization happens in every page,
// action and route handler, never here alone.
export default NextAuth(authConfig).auth;

export const config = {
  matcher: ["/((?!api/auth|api/health|_next/static|_next/image|favicon.ico|.*\\.svg$).*)"],
};
