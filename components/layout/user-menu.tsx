"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronDown, Globe2, LogOut, UserCircle } from "lucide-react";
import { useState, useTransition } from "react";
import { Dialog } from "@/components/ui/dialog";
import { notify } from "@/components/ui/toaster";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { logoutAction } from "@/lib/server/actions/session";
import { setTimeZoneAction } from "@/lib/server/actions/preferences";
import { COMMON_TIME_ZONES, zonedParts } from "@/lib/client/time";
import { useTimeZone } from "@/components/ui/time";

const BROWSER = "browser";
const itemClass = "flex w-full cursor-pointer items-center gap-2 rounded-sm px-2 py-1.5 text-left text-slate-700 outline-none data-[highlighted]:bg-slate-100";

export function UserMenu({ displayName, username, roles, timeZone }: { displayName: string; username: string; roles: string[]; timeZone: string | null }) {
  const t = useTranslations("topbar");
  const tr = useTranslations("roles");
  const router = useRouter();
  const { zone } = useTimeZone();
  const browserZone = typeof Intl === "undefined" ? "UTC" : Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = (z: string) => zonedParts(new Date(), z).offset;
  const [zoneOpen, setZoneOpen] = useState(false);
  const [pending, start] = useTransition();
  const choose = (value: string) =>
    start(async () => {
      const res = await setTimeZoneAction({ timeZone: value === BROWSER ? null : value });
      if (!res.ok) return notify("error", res.message);
      setZoneOpen(false);
      router.refresh();
    });
  return (
    <>
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="flex h-8 items-center gap-1.5 rounded-sm px-2 text-xs text-slate-100 outline-none hover:bg-topbar-hover" aria-label={t("userMenu")}>
        <UserCircle className="h-4 w-4" aria-hidden />
        <span data-testid="current-user">{displayName}</span>
        <ChevronDown className="h-3 w-3" aria-hidden />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-52 rounded-sm border border-slate-200 bg-white p-1 text-[13px] shadow-lg">
          <div className="px-2 py-1.5">
            <div className="font-medium text-slate-900">{displayName}</div>
            <div className="text-xs text-slate-500">{username}</div>
            <div className="mt-1 flex flex-wrap gap-1">
              {roles.map((r) => (
                <span key={r} className="rounded-sm bg-brand-50 px-1.5 text-[11px] text-brand-700">
                  {tr.has(r) ? tr(r) : r}
                </span>
              ))}
            </div>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
          <DropdownMenu.Item className={itemClass} data-testid="time-zone-menu" onSelect={() => setZoneOpen(true)}>
            <Globe2 className="h-4 w-4" aria-hidden />
            <span className="flex-1">{t("timeZone")}</span>
            <span className="text-xs text-slate-500">{`${zone} (${offset(zone)})`}</span>
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
          <DropdownMenu.Item
            onSelect={() => void logoutAction()}
            className="flex w-full cursor-pointer items-center gap-2 rounded-sm px-2 py-1.5 text-left text-slate-700 outline-none data-[highlighted]:bg-slate-100"
          >
            <LogOut className="h-4 w-4" aria-hidden />
            {t("signOut")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
    <Dialog open={zoneOpen} onOpenChange={setZoneOpen} title={t("timeZone")} description={t("timeZoneHint")}>
      <select
        aria-label={t("timeZone")}
        className="h-8 w-full rounded-sm border border-slate-300 bg-white px-2 text-[13px]"
        value={timeZone ?? BROWSER}
        disabled={pending}
        onChange={(e) => choose(e.target.value)}
      >
        {[BROWSER, ...COMMON_TIME_ZONES].map((z) => (
          <option key={z} value={z}>
            {`${z === BROWSER ? t("browserZone", { zone: browserZone }) : z} (${offset(z === BROWSER ? browserZone : z)})`}
          </option>
        ))}
      </select>
    </Dialog>
    </>
  );
}
