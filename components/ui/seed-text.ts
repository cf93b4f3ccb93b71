"use client";
import { useLocale } from "next-intl";
import { seedText } from "@/lib/cloud/seed/names-zh";

/** The demo seed's invented names in the reader's language (names people typed stay as typed). */
export function useSeedText(): (text: string) => string {
  const locale = useLocale();
  return (text) => seedText(text, locale);
}
