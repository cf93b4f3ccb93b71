import Link from "next/link";
import { useTranslations } from "next-intl";
import { Bell, ClipboardCheck, Cloud } from "lucide-react";
import type { Portal } from "@/lib/cloud/identity";
import { cn } from "@/lib/client/cn";
import { CloudClock } from "./cloud-clock";
import { LanguageSwitch } from "./language-switch";
import { UserMenu } from "./user-menu";
import { RegionSelect } from "./region-select";

export const PORTAL_HOME: Record<Portal, string> = { sc: "/sc", oc: "/oc", "service-om": "/service-om", cps: "/cps", esight: "/esight" };

export function TopBar(props: {
  portals: Portal[];
  current: Portal | null;
  clock: { nowIso: string; speed: number };
  regions: { id: string; name: string }[];
  /** Orders waiting for this user's decision (null: not an approver). */
  approvals: number | null;
  /** Open alarms by severity (null: not an operator who sees alarms). */
  alarms: { critical: number; major: number; minor: number; warning: number } | null;
  user: { displayName: string; username: string; roles: string[]; timeZone: string | null };
}) {
  const t = useTranslations("portals");
  const tb = useTranslations("topbar");
  return (
    <header className="flex h-12 shrink-0 items-center gap-4 bg-topbar px-4 text-white print:hidden">
      <Link href="/" className="flex items-center gap-2 font-semibold">
        <Cloud className="h-5 w-5 text-brand-500" aria-hidden />
        <span className="whitespace-nowrap">{tb("product")}</span>
      </Link>
      <nav aria-label={tb("portals")} className="flex h-full items-stretch">
        {props.portals.map((p) => (
          <Link
            key={p}
            href={PORTAL_HOME[p]}
            aria-current={props.current === p ? "page" : undefined}
            className={cn(
              "flex items-center border-b-2 px-3 text-[13px] whitespace-nowrap",
              props.current === p ? "border-brand-500 bg-topbar-hover text-white" : "border-transparent text-slate-300 hover:text-white",
            )}
          >
            {t(`${p}.short`)}
          </Link>
        ))}
      </nav>
      <div className="ml-auto flex items-center gap-2">
        <RegionSelect regions={props.regions} />
        {props.approvals !== null ? (
          <Link href="/sc/approvals" className="flex items-center gap-1.5 rounded-sm px-2 py-1 text-[13px] text-slate-200 hover:bg-topbar-hover" data-testid="approvals-counter" aria-label={tb("approvalsPending", { n: props.approvals })}>
            <ClipboardCheck className="h-4 w-4" aria-hidden />
            <span>{tb("approvals")}</span>
            {props.approvals > 0 ? <span className="rounded-full bg-red-500 px-1.5 text-[11px] leading-4 font-semibold text-white">{props.approvals}</span> : null}
          </Link>
        ) : null}
        {props.alarms !== null ? <AlarmCounter counts={props.alarms} /> : null}
        <CloudClock nowIso={props.clock.nowIso} speed={props.clock.speed} />
        <LanguageSwitch />
        <UserMenu {...props.user} />
      </div>
    </header>
  );
}

const SEVERITY_TONE = { critical: "bg-red-600", major: "bg-orange-500", minor: "bg-amber-400 text-slate-900", warning: "bg-sky-500" } as const;

/** Open alarms by severity, as an O&M console's top bar shows them; links to OC's alarm list. */
function AlarmCounter({ counts }: { counts: { critical: number; major: number; minor: number; warning: number } }) {
  const tb = useTranslations("topbar");
  const ts = useTranslations("alarms.severity");
  const order = ["critical", "major", "minor", "warning"] as const;
  return (
    <Link href="/oc/alarms" className="flex items-center gap-1 rounded-sm px-2 py-1 text-[13px] text-slate-200 hover:bg-topbar-hover" data-testid="alarm-counter" aria-label={tb("alarmsOpen", { critical: counts.critical, major: counts.major, minor: counts.minor, warning: counts.warning })}>
      <Bell className="h-4 w-4" aria-hidden />
      {order.map((s) => (
        <span key={s} title={ts(s)} data-testid={`alarm-count-${s}`} className={cn("min-w-5 rounded-sm px-1 text-center text-[11px] leading-4 font-semibold text-white", SEVERITY_TONE[s], counts[s] === 0 && "opacity-40")}>
          {counts[s]}
        </span>
      ))}
    </Link>
  );
}
