"use client";
import { Plus } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { Alert } from "./empty-state";

/**
 * The console's create/edit dialog: a trigger (a primary "create" button or an "edit" link), a
 * form body, Cancel and a primary submit, and the server's error. `onSubmit` gets `close`, to
 * call once the action has succeeded.
 */
export function FormDialog(props: {
  /** create: primary with an icon; edit: a link in a row; button: a plain secondary button. */
  trigger: { kind: "create" | "edit" | "button"; label: string; ariaLabel?: string; icon?: ReactNode };
  title: ReactNode;
  description?: ReactNode;
  submitLabel: string;
  cancelLabel: string;
  pending: boolean;
  error: string | null;
  onOpen?: () => void;
  onSubmit: (close: () => void) => void;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const show = () => {
    props.onOpen?.();
    setOpen(true);
  };
  return (
    <>
      {props.trigger.kind === "edit" ? (
        <Button size="sm" variant="link" onClick={show} aria-label={props.trigger.ariaLabel}>
          {props.trigger.label}
        </Button>
      ) : props.trigger.kind === "button" ? (
        <Button onClick={show} aria-label={props.trigger.ariaLabel}>
          {props.trigger.label}
        </Button>
      ) : (
        <Button variant="primary" onClick={show} aria-label={props.trigger.ariaLabel}>
          {props.trigger.icon ?? <Plus className="h-4 w-4" />} {props.trigger.label}
        </Button>
      )}
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={props.title}
        description={props.description}
        footer={
          <>
            <Button onClick={() => setOpen(false)}>{props.cancelLabel}</Button>
            <Button variant="primary" disabled={props.pending} onClick={() => props.onSubmit(() => setOpen(false))}>
              {props.submitLabel}
            </Button>
          </>
        }
      >
        {props.children}
        {props.error ? <Alert>{props.error}</Alert> : null}
      </Dialog>
    </>
  );
}
