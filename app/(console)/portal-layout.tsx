import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { portalsOf, type Portal } from "@/lib/cloud/identity";
import { currentActor } from "@/lib/server/auth/session";
import { clockState } from "@/lib/server/services/clock";
import { listRegions } from "@/lib/server/queries/catalog";
import { pendingApprovalCount } from "@/lib/server/queries/orders";
import { NAV } from "@/components/layout/nav";
import { SideNav } from "@/components/layout/side-nav";
import { TopBar } from "@/components/layout/top-bar";
import { ErrorState } from "@/components/ui/empty-state";

/** The frame of every portal: top bar, the portal's left menu, content. Checks portal access. */
export async function PortalLayout({ portal, children }: { portal: Portal; children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  const [clock, regions, t, pending] = await Promise.all([clockState(), listRegions(), getTranslations(), pendingApprovalCount(actor)]);
  const portals = portalsOf(actor.roles);
  const allowed = actor.permissions.has(`portal:${portal}`);
  return (
    <div className="flex h-full flex-col">
      <TopBar
        portals={portals}
        current={allowed ? portal : null}
        clock={{ nowIso: clock.now.toISOString(), speed: clock.speed }}
        regions={regions}
        approvals={actor.permissions.has("order:approve") ? pending : null}
        user={{ displayName: actor.displayName, username: actor.username, roles: actor.roles }}
      />
      <div className="flex min-h-0 flex-1">
        {allowed ? <SideNav title={t(`portals.${portal}.name`)} items={NAV[portal].filter((i) => actor.permissions.has(i.permission))} /> : null}
        <main className="min-w-0 flex-1 overflow-auto p-5">
          {allowed ? children : <ErrorState title={t("errors.FORBIDDEN")} hint={t("errors.portalForbidden")} />}
        </main>
      </div>
    </div>
  );
}
