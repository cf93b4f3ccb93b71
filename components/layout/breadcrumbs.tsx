import Link from "next/link";
import { ChevronRight } from "lucide-react";
import { Fragment } from "react";

export function Breadcrumbs({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <nav aria-label="breadcrumb" className="mb-3 flex items-center gap-1 text-xs text-slate-500">
      {items.map((it, i) => (
        <Fragment key={`${it.label}-${i}`}>
          {i > 0 ? <ChevronRight className="h-3 w-3" aria-hidden /> : null}
          {it.href && i < items.length - 1 ? (
            <Link href={it.href} className="hover:text-brand-600">
              {it.label}
            </Link>
          ) : (
            <span className={i === items.length - 1 ? "text-slate-800" : undefined}>{it.label}</span>
          )}
        </Fragment>
      ))}
    </nav>
  );
}
