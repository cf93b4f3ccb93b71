import { redirect } from "next/navigation";
import { homePortal } from "@/lib/cloud/identity";
import { currentActor } from "@/lib/server/auth/session";
import { PORTAL_HOME } from "@/components/layout/top-bar";

export default async function Home() {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  const portal = homePortal(actor.roles);
  redirect(portal ? PORTAL_HOME[portal] : "/login?error=no_portal");
}
