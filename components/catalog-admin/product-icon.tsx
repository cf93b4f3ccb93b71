import { Cpu, Database, Globe, Gpu, HardDrive, Network, Server, type LucideIcon } from "lucide-react";

const ICONS: Record<string, LucideIcon> = { server: Server, cpu: Cpu, gpu: Gpu, database: Database, disk: HardDrive, network: Network, globe: Globe };

/** A product's icon as the admin chose it (an unknown name falls back to a server). */
export function ProductIcon({ icon, className = "h-5 w-5 text-brand-500" }: { icon: string; className?: string }) {
  const Icon = ICONS[icon] ?? Server;
  return <Icon className={className} aria-hidden />;
}
