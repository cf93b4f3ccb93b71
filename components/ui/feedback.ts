"use client";
import { useTranslations } from "next-intl";

export type FeedbackKind = "volume" | "snapshot" | "volumeType" | "hostGroup" | "flavor" | "image" | "user" | "product" | "process" | "vdc" | "serverGroup" | "host" | "keyPair" | "vpc" | "subnet" | "securityGroup" | "thresholdRule";
type Verb = "created" | "saved" | "deleted" | "enabled" | "disabled" | "published" | "unpublished" | "deactivated" | "reactivated";

/** The success notice of an action on a named object: "Created host group hg-1." / "已创建主机组 hg-1。" */
export function useFeedback() {
  const t = useTranslations("feedback");
  return (verb: Verb, kind: FeedbackKind, name: string) => t(verb, { kind: t(`kinds.${kind}`), name });
}
