"use client";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { Bell, Globe, Shield, Waypoints, Database, KeyRound, Cylinder, Tags, Boxes, Package, Workflow, Building2, ClipboardCheck, ClipboardList, Crosshair, Group, Layers, Store, ChevronsLeft, FileClock, Users, ChevronsRight, Cpu, Gauge, HardDrive, Image as ImageIcon, LayoutDashboard, Network, Server, Settings, SlidersHorizontal } from "lucide-react";
import { cn } from "@/lib/client/cn";
import { useUiStore } from "@/lib/client/ui-store";
import type { NavItem } from "./nav";

const ICONS = {
  volumes: Database,
  keyPairs: KeyRound,
  hostGroups: Layers,
  serverGroups: Group,
  catalog: Store,
  orders: ClipboardList,
  approvals: ClipboardCheck,
  products: Package,
  processes: Workflow,
  placement: Crosshair,
  organizations: Building2,
  users: Users,
  audit: FileClock,
  dashboard: LayoutDashboard,
  server: Server,
  instances: Boxes,
  hosts: Cpu,
  flavors: SlidersHorizontal,
  images: ImageIcon,
  capacity: Gauge,
  topology: Network,
  settings: Settings,
  hardware: HardDrive,
  alarms: Bell,
  pools: Cylinder,
  volumeTypes: Tags,
  vpcs: Waypoints,
  securityGroups: Shield,
  eips: Globe,
  networks: Network,
} as const;

export function SideNav({ title, items }: { title: string; items: NavItem[] }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const collapsed = useUiStore((s) => s.navCollapsed);
  const toggle = useUiStore((s) => s.toggleNav);
  const from = useSearchParams().get("from");
  // The longest matching prefix is the active item, so /sc/ecs/123 highlights "Elastic Cloud Server";
  // a page opened from another list says so (?from=approvals: an order opened from the inbox).
  const opener = from ? items.find((i) => i.href === `/sc/${from}`) : undefined;
  const active = opener ?? items.filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`)).sort((a, b) => b.href.length - a.href.length)[0];
  return (
    <nav aria-label={title} className={cn("shrink-0 border-r border-slate-200 bg-white transition-[width] print:hidden", collapsed ? "w-12" : "w-52")}>
      <div className="flex h-10 items-center justify-between border-b border-slate-100 px-3">
        {!collapsed ? <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</span> : null}
        <button type="button" className="text-slate-400 hover:text-brand-600" onClick={toggle} aria-label={t(collapsed ? "expand" : "collapse")}>
          {collapsed ? <ChevronsRight className="h-4 w-4" /> : <ChevronsLeft className="h-4 w-4" />}
        </button>
      </div>
      <ul className="py-1">
        {items.map((item) => {
          const Icon = ICONS[item.icon];
          const isActive = active?.href === item.href;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={isActive ? "page" : undefined}
                title={t(item.label)}
                className={cn(
                  "flex h-9 items-center gap-2 border-l-2 px-3 text-[13px]",
                  isActive ? "border-brand-500 bg-brand-50 font-medium text-brand-700" : "border-transparent text-slate-700 hover:bg-slate-50",
                )}
              >
                <Icon className="h-4 w-4 shrink-0" aria-hidden />
                {!collapsed ? <span className="truncate">{t(item.label)}</span> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
