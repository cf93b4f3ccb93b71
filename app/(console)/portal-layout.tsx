import { forbidden, redirect } from "next/navigation";
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

/** The frame of every portal: top bar, the portal's left menu, content. Checks portal access. */
export async function PortalLayout({ portal, children }: { portal: Portal; children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  // 403 before anything of the portal is read; each page checks again for itself (page-guard).
  if (!actor.permissions.has(`portal:${portal}`)) forbidden();
  const [clock, regions, t, pending] = await Promise.all([clockState(), listRegions(), getTranslations(), pendingApprovalCount(actor)]);
  const portals = portalsOf(actor.roles);
  return (
    <div className="flex h-full flex-col">
      <TopBar
        portals={portals}
        current={portal}
        clock={{ nowIso: clock.now.toISOString(), speed: clock.speed }}
        regions={regions}
        approvals={actor.permissions.has("order:approve") ? pending : null}
        user={{ displayName: actor.displayName, username: actor.username, roles: actor.roles }}
      />
      <div className="flex min-h-0 flex-1">
        <SideNav title={t(`portals.${portal}.name`)} items={NAV[portal].filter((i) => actor.permissions.has(i.permission))} />
        <main className="min-w-0 flex-1 overflow-auto p-5">
          {children}
        </main>
      </div>
    </div>
  );
}
