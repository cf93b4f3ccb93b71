"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Prints the page (the console's chrome is hidden in print: see the print: variants). */
export function PrintButton() {
  const t = useTranslations("capacity");
  return (
    <Button variant="secondary" onClick={() => window.print()}>
      {t("reports.print")}
    </Button>
  );
}
