import { Tag } from "./status-badge";

/** Flavor extra specs (or any key=value metadata) as small tags. */
export function SpecTags({ specs }: { specs: Record<string, string> }) {
  return (
    <div className="flex flex-wrap gap-1">
      {Object.entries(specs).map(([k, v]) => (
        <Tag key={k}>{`${k}=${v}`}</Tag>
      ))}
    </div>
  );
}
