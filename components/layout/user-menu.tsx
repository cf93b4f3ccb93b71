"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronDown, LogOut, UserCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { logoutAction } from "@/lib/server/actions/session";

export function UserMenu({ displayName, username, roles }: { displayName: string; username: string; roles: string[] }) {
  const t = useTranslations("topbar");
  const tr = useTranslations("roles");
  return (
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
  );
}
