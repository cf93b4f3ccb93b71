"use client";
import * as RadixDialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

export function Dialog({ open, onOpenChange, title, description, children, footer }: { open: boolean; onOpenChange: (o: boolean) => void; title: ReactNode; description?: ReactNode; children?: ReactNode; footer?: ReactNode }) {
  const t = useTranslations("common");
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <RadixDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[440px] max-w-[95vw] -translate-x-1/2 -translate-y-1/2 rounded-sm bg-white shadow-xl outline-none">
          <div className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
            <RadixDialog.Title className="text-sm font-semibold text-slate-900">{title}</RadixDialog.Title>
            <RadixDialog.Close className="text-slate-400 hover:text-slate-700" aria-label={t("close")}>
              <X className="h-4 w-4" />
            </RadixDialog.Close>
          </div>
          <div className="space-y-3 px-5 py-4 text-[13px] text-slate-700">
            {description ? <RadixDialog.Description>{description}</RadixDialog.Description> : <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>}
            {children}
          </div>
          {footer ? <div className="flex justify-end gap-2 border-t border-slate-100 px-5 py-3">{footer}</div> : null}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
