"use client";
import { useState, type ReactNode } from "react";
import { cn } from "@/lib/client/cn";

export function Tabs({ tabs }: { tabs: { id: string; label: ReactNode; content: ReactNode }[] }) {
  const [active, setActive] = useState(tabs[0]?.id);
  return (
    <div className="rounded-sm border border-slate-200 bg-white">
      <div role="tablist" className="flex border-b border-slate-200 px-2">
        {tabs.map((t) => (
          <button
            key={t.id}
            role="tab"
            type="button"
            aria-selected={active === t.id}
            onClick={() => setActive(t.id)}
            className={cn("-mb-px border-b-2 px-3 py-2 text-[13px]", active === t.id ? "border-brand-500 font-medium text-brand-600" : "border-transparent text-slate-600 hover:text-slate-900")}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div key={t.id} role="tabpanel" hidden={active !== t.id} className="p-4">
          {active === t.id ? t.content : null}
        </div>
      ))}
    </div>
  );
}
