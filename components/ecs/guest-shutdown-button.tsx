"use client";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { guestShutdownAction } from "@/lib/server/actions/instances";
import { Button } from "@/components/ui/button";

/** The drill: the guest OS powers itself off; the console finds out at the next power-state sync. */
export function GuestShutdownButton({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useTranslations("ecs.detail");
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        size="sm"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const res = await guestShutdownAction({ id });
            if (res.ok) onDone();
            else setError(res.message);
          })
        }
      >
        {t("guestShutdown")}
      </Button>
      {error ? <span className="text-xs text-red-600">{error}</span> : null}
    </span>
  );
}
