"use client";
import type { ReactNode } from "react";
import { Button } from "./button";
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
