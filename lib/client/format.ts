// Units as consoles print them: memory in GiB from MB, percentages with no false precision.
export function gib(mb: number): string {
  const g = mb / 1024;
  return `${Number.isInteger(g) ? g : g.toFixed(1)} GiB`;
}

export function pct(used: number, total: number): number {
  return total <= 0 ? 0 : Math.round((used / total) * 1000) / 10;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "-";
  return iso.replace("T", " ").replace(/\.\d+Z$/, " UTC").replace(/Z$/, " UTC");
}

/** A VDC's name indented by its level, for a flat list or select of the tree. */
export function vdcLabel(v: { name: string; level: number }): string {
  return `${"· ".repeat(Math.max(0, v.level - 1))}${v.name}`;
}
