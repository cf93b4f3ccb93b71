"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { VpcDetailDto } from "@/lib/server/queries/network";

const BOX_W = 150;
const BOX_H = 40;
const GAP = 18;

/**
 * The VPC as a picture, top to bottom: the external network its router's gateway is on, the
 * router, its subnets (each with the router's interface address), and the ECSs on each subnet.
 * Drawn from the same rows the tables show; no packets flow in this cloud, the wiring is real data.
 */
export function VpcTopology({ vpc }: { vpc: VpcDetailDto }) {
  const t = useTranslations("network");
  const instances = vpc.ports.filter((p) => p.kind === "compute");
  const columns = vpc.subnets.map((s) => ({ subnet: s, ecs: instances.filter((p) => p.subnets.includes(s.name)) }));
  const perColumn = Math.max(1, ...columns.map((c) => c.ecs.length));
  const width = Math.max(1, columns.length) * (BOX_W + GAP) + GAP;
  const height = 3 * (BOX_H + 36) + perColumn * (BOX_H + 10) + 20;
  const centre = width / 2;
  const gateway = vpc.router?.gateway;
  const rowY = (r: number) => 10 + r * (BOX_H + 36);
  const box = (x: number, y: number, title: string, sub: string, tone: string, key: string, href?: string) => {
    const body = (
      <g key={key} data-testid={`topology-${key}`}>
        <rect x={x} y={y} width={BOX_W} height={BOX_H} rx={4} className={tone} />
        <text x={x + 8} y={y + 16} className="fill-slate-800 text-[11px] font-medium">
          {title.length > 22 ? `${title.slice(0, 21)}…` : title}
        </text>
        <text x={x + 8} y={y + 31} className="fill-slate-500 font-mono text-[10px]">
          {sub}
        </text>
      </g>
    );
    return href ? (
      <Link key={key} href={href}>
        {body}
      </Link>
    ) : (
      body
    );
  };
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="w-full max-w-full" style={{ maxHeight: 520 }} role="img" aria-label={t("topology")} data-testid="vpc-topology">
      {gateway ? box(centre - BOX_W / 2, rowY(0), gateway.name, gateway.address ?? "-", "fill-sky-50 stroke-sky-400", "external") : box(centre - BOX_W / 2, rowY(0), t("noRouterGateway"), "", "fill-slate-50 stroke-slate-300 [stroke-dasharray:4]", "external")}
      <line x1={centre} y1={rowY(0) + BOX_H} x2={centre} y2={rowY(1)} className={gateway ? "stroke-sky-400" : "stroke-slate-300 [stroke-dasharray:4]"} />
      {box(centre - BOX_W / 2, rowY(1), vpc.router?.name ?? "-", t("router"), "fill-amber-50 stroke-amber-400", "router")}
      {columns.map((c, i) => {
        const x = GAP + i * (BOX_W + GAP);
        return (
          <g key={c.subnet.id}>
            <line x1={centre} y1={rowY(1) + BOX_H} x2={x + BOX_W / 2} y2={rowY(2)} className="stroke-amber-400" />
            {box(x, rowY(2), c.subnet.name, c.subnet.cidr, "fill-emerald-50 stroke-emerald-400", `subnet-${c.subnet.name}`)}
            {c.ecs.map((p, j) => {
              const y = rowY(3) + j * (BOX_H + 10);
              return (
                <g key={p.id}>
                  <line x1={x + BOX_W / 2} y1={j === 0 ? rowY(2) + BOX_H : y - 10} x2={x + BOX_W / 2} y2={y} className="stroke-emerald-400" />
                  {box(x, y, p.deviceName ?? p.deviceId ?? "-", `${p.addresses[0] ?? "-"}${p.eip ? ` / ${p.eip.address}` : ""}`, "fill-white stroke-slate-400", `ecs-${p.deviceName ?? p.id}`, p.deviceId ? `/sc/ecs/${p.deviceId}` : undefined)}
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
