"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { notify } from "./toaster";

type Result<T> = { ok: true; data?: T } | { ok: false; message: string; fields?: Record<string, string> };

/** What to tell the user when the action succeeds: what happened, and the object to open. */
export interface Feedback<T> {
  success: string | ((data: T | undefined) => string);
  link?: { href: string; label: string } | ((data: T | undefined) => { href: string; label: string } | undefined);
}

/**
 * Run a server action and tell the user how it went: on success a notice (when `feedback` says
 * what happened) and the page refreshed; on failure a notice with the reason, kept too for the
 * form or dialog to show next to the fields.
 */
export function useServerAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const run = <T,>(call: () => Promise<Result<T>>, onOk?: (data: T | undefined) => void, feedback?: Feedback<T>) =>
    start(async () => {
      setError(null);
      setFields({});
      const res = await call();
      if (res.ok) {
        if (feedback) {
          const message = typeof feedback.success === "function" ? feedback.success(res.data) : feedback.success;
          const link = typeof feedback.link === "function" ? feedback.link(res.data) : feedback.link;
          notify("success", message, link);
        }
        onOk?.(res.data);
        router.refresh();
      } else {
        notify("error", res.message);
        setError(res.message);
        setFields(res.fields ?? {});
      }
    });
  return { run, pending, error, fields, reset: () => (setError(null), setFields({})) };
}
