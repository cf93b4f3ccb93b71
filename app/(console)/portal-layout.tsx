import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { portalsOf, type Portal } from "@/lib/cloud/identity";
import { currentActor } from "@/lib/server/auth/session";
import { clockState } from "@/lib/server/services/clock";
import { listRegions } from "@/lib/server/queries/catalog";
import { pendingApprovalCount } from "@/lib/server/queries/orders";
import { openAlarmCounts } from "@/lib/server/queries/alarms";
import { NAV, showsTo } from "@/components/layout/nav";
import { SideNav } from "@/components/layout/side-nav";
import { TopBar } from "@/components/layout/top-bar";
import { TimeZoneProvider } from "@/components/ui/time";
import { BROWSER_TZ_COOKIE, isTimeZone } from "@/lib/client/time";

/** The frame of every portal: top bar, the portal's left menu, content. Checks portal access. */
export async function PortalLayout({ portal, children }: { portal: Portal; children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  // 403 before anything of the portal is read; each page checks again for itself (page-guard).
  if (!actor.permissions.has(`portal:${portal}`)) forbidden();
  const [clock, regions, t, pending, alarms, jar] = await Promise.all([clockState(), listRegions(), getTranslations(), pendingApprovalCount(actor), openAlarmCounts(actor), cookies()]);
  // The chosen zone comes with the actor (read with the user row), not from a query of its own.
  const prefs = { timeZone: actor.timeZone };
  const portals = portalsOf(actor.roles);
  // The user's chosen zone, else the one their browser reported (a cookie), else UTC until it does.
  const reported = jar.get(BROWSER_TZ_COOKIE)?.value;
  const zone = prefs.timeZone ?? (reported && isTimeZone(reported) ? reported : "UTC");
  return (
    <TimeZoneProvider zone={zone} chosen={prefs.timeZone !== null} cloudNowIso={clock.now.toISOString()} speed={clock.speed}>
    <div className="flex h-full flex-col">
      <TopBar
        portals={portals}
        current={portal}
        clock={{ nowIso: clock.now.toISOString(), speed: clock.speed }}
        regions={regions}
        approvals={actor.permissions.has("order:approve") ? pending : null}
        alarms={alarms}
        user={{ displayName: actor.displayName, username: actor.username, roles: actor.roles, timeZone: prefs.timeZone }}
      />
      <div className="flex min-h-0 flex-1">
        <SideNav title={t(`portals.${portal}.name`)} items={NAV[portal].filter((i) => showsTo(i, actor.permissions))} />
        <main className="min-w-0 flex-1 overflow-auto p-5">
          {children}
        </main>
      </div>
    </div>
    </TimeZoneProvider>
  );
}
