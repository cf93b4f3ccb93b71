"use client";
import { CheckCircle2, CircleAlert, Info, X } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { create } from "zustand";
import { cn } from "@/lib/client/cn";

export type ToastKind = "success" | "error" | "info";

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  /** The object the notice is about, to open it from the notice. */
  link?: { href: string; label: string };
}

interface ToastState {
  toasts: Toast[];
  push: (t: Omit<Toast, "id">) => void;
  dismiss: (id: number) => void;
}

let next = 1;
const useToasts = create<ToastState>((set) => ({
  toasts: [],
  // At most five on screen: an older notice makes room for a newer one.
  push: (t) => set((s) => ({ toasts: [...s.toasts, { ...t, id: next++ }].slice(-5) })),
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

/** Tell the user what happened: a success, a failure (with the reason), or news. */
export function notify(kind: ToastKind, message: string, link?: Toast["link"]): void {
  useToasts.getState().push({ kind, message, ...(link ? { link } : {}) });
}

const ICON = { success: CheckCircle2, error: CircleAlert, info: Info } as const;
const TONE = { success: "border-green-200 bg-green-50 text-green-900", error: "border-red-200 bg-red-50 text-red-900", info: "border-slate-200 bg-white text-slate-800" } as const;

function ToastItem({ toast }: { toast: Toast }) {
  const t = useTranslations("toast");
  const dismiss = useToasts((s) => s.dismiss);
  useEffect(() => {
    // Failures stay longer: they carry a reason to read.
    const id = setTimeout(() => dismiss(toast.id), toast.kind === "error" ? 12_000 : 6_000);
    return () => clearTimeout(id);
  }, [toast, dismiss]);
  const Icon = ICON[toast.kind];
  return (
    <div role={toast.kind === "error" ? "alert" : "status"} data-testid="toast" data-kind={toast.kind} className={cn("pointer-events-auto flex w-96 items-start gap-2 rounded-sm border px-3 py-2 text-[13px] shadow-md", TONE[toast.kind])}>
      <Icon className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
      <div className="min-w-0 flex-1">
        <div className="break-words">{toast.message}</div>
        {toast.link ? (
          <Link href={toast.link.href} className="mt-0.5 inline-block text-brand-600 hover:underline" onClick={() => dismiss(toast.id)}>
            {toast.link.label}
          </Link>
        ) : null}
      </div>
      <button type="button" className="shrink-0 opacity-60 hover:opacity-100" onClick={() => dismiss(toast.id)} aria-label={t("dismiss")}>
        <X className="h-3.5 w-3.5" />
      </button>
    </div>
  );
}

/** Where notices appear: bottom right, above everything, announced to screen readers. */
export function Toaster() {
  const toasts = useToasts((s) => s.toasts);
  return (
    <div className="pointer-events-none fixed right-4 bottom-4 z-[100] flex flex-col items-end gap-2" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
