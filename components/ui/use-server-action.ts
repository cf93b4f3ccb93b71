"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

type Result = { ok: true } | { ok: false; message: string; fields?: Record<string, string> };

/** Run a server action, refresh the page on success, keep the error (and field errors) on failure. */
export function useServerAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const run = (call: () => Promise<Result>, onOk?: () => void) =>
    start(async () => {
      setError(null);
      setFields({});
      const res = await call();
      if (res.ok) {
        onOk?.();
        router.refresh();
      } else {
        setError(res.message);
        setFields(res.fields ?? {});
      }
    });
  return { run, pending, error, fields, reset: () => (setError(null), setFields({})) };
}
