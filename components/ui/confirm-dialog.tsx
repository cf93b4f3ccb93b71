"use client";
import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { useServerAction } from "./use-server-action";
import { Dialog } from "./dialog";
import { Alert } from "./empty-state";

/**
 * The console's "are you sure?" dialog: what will happen, Cancel and a primary confirm, and the
 * server's error if the action was refused (the dialog stays open so the reader sees why).
 */
export function ConfirmDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  cancelLabel: string;
  confirmLabel: string;
  pending: boolean;
  /** Disable confirm for a reason other than a request in flight (e.g. already done). */
  confirmDisabled?: boolean;
  error: string | null;
  onConfirm: () => void;
  children?: ReactNode;
}) {
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={props.title}
      description={props.description}
      footer={
        <>
          <Button onClick={() => props.onOpenChange(false)}>{props.cancelLabel}</Button>
          <Button variant="primary" disabled={props.pending || props.confirmDisabled} onClick={props.onConfirm}>
            {props.confirmLabel}
          </Button>
        </>
      }
    >
      {props.children}
      {props.error ? <Alert>{props.error}</Alert> : null}
    </Dialog>
  );
}

/**
 * A button that asks first, then runs a server action: the dialog stays open with the refusal in
 * words, and closes (the page refreshing) once the action succeeded.
 */
export function ConfirmButton(props: {
  label: string;
  ariaLabel?: string;
  /** "link" for a row's action, "secondary" for a page's. */
  look?: "link" | "secondary";
  title: ReactNode;
  description?: ReactNode;
  cancelLabel: string;
  confirmLabel: string;
  action: () => Promise<{ ok: true } | { ok: false; message: string; fields?: Record<string, string> }>;
  onDone?: () => void;
  /** The notice once it succeeded ("Cancelled order ..."); a refusal is always told. */
  success?: string;
}) {
  const [open, setOpen] = useState(false);
  const { run, pending, error, reset } = useServerAction();
  return (
    <>
      <Button size={props.look === "link" ? "sm" : "md"} variant={props.look ?? "secondary"} onClick={() => (reset(), setOpen(true))} aria-label={props.ariaLabel}>
        {props.label}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={props.title}
        description={props.description}
        cancelLabel={props.cancelLabel}
        confirmLabel={props.confirmLabel}
        pending={pending}
        error={error}
        onConfirm={() =>
          run(
            props.action,
            () => {
              setOpen(false);
              props.onDone?.();
            },
            props.success ? { success: props.success } : undefined,
          )
        }
      />
    </>
  );
}
