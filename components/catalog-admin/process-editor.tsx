"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { MAX_LEVELS, type ApproverSpec, type LevelDef } from "@/lib/cloud/approval/process";
import { describeApprover } from "@/lib/client/approvers";
import { publishProcessAction, saveProcessAction } from "@/lib/server/actions/catalog-admin";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { useServerAction } from "@/components/ui/use-server-action";
import { useFeedback } from "@/components/ui/feedback";

const DEPTHS = ["1", "2", "3", "4", "5", "own"] as const;
const KINDS = ["vdc_role", "global_role", "user"] as const;
const SIGN_MODES = ["or", "countersign"] as const;

export interface ApproverChoices {
  users: { id: string; username: string; displayName: string }[];
  roles: readonly string[];
}

/** A new level: the applicant's first-level VDC admin decides, any one of them, no timeout. */
export const defaultLevel = (name: string): LevelDef => ({ name, approvers: [{ kind: "vdc_role", role: "vdc_admin", depth: 1 }], mode: "or", timeoutSeconds: null, onTimeout: "reject" });

/** The "add an approver" row of one level: by role in the applicant's VDC chain, by global role, or a named user. */
function AddApprover({ choices, onAdd, level }: { choices: ApproverChoices; onAdd: (a: ApproverSpec) => void; level: number }) {
  const t = useTranslations("processes.editor");
  const tr = useTranslations("roles");
  const [kind, setKind] = useState<ApproverSpec["kind"]>("vdc_role");
  const [role, setRole] = useState(choices.roles[0] ?? "vdc_admin");
  const [depth, setDepth] = useState<(typeof DEPTHS)[number]>("1");
  const [userId, setUserId] = useState(choices.users[0]?.id ?? "");
  const add = () => onAdd(kind === "user" ? { kind, userId } : kind === "global_role" ? { kind, role } : { kind, role, depth: depth === "own" ? "own" : Number(depth) });
  return (
    <div className="mt-2 flex flex-wrap items-end gap-2 border-t border-dashed border-slate-200 pt-2" data-testid={`add-approver-${level}`}>
      <div className="w-44">
        <SelectField label={t("approverKind")} value={kind} onChange={(v) => setKind(v as ApproverSpec["kind"])} options={KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
      </div>
      {kind === "user" ? (
        <div className="w-56">
          <SelectField label={t("user")} value={userId} onChange={setUserId} options={choices.users.map((u) => ({ value: u.id, label: `${u.username} (${u.displayName})` }))} />
        </div>
      ) : (
        <div className="w-40">
          <SelectField label={t("role")} value={role} onChange={setRole} options={choices.roles.map((r) => ({ value: r, label: tr(r) }))} />
        </div>
      )}
      {kind === "vdc_role" ? (
        <div className="w-48">
          <SelectField label={t("depth")} value={depth} onChange={(v) => setDepth(v as (typeof DEPTHS)[number])} options={DEPTHS.map((d) => ({ value: d, label: d === "own" ? t("ownVdc") : t("depthN", { n: d }) }))} />
        </div>
      ) : null}
      <Button onClick={add} aria-label={t("addApproverTo", { level })}>
        <Plus className="h-4 w-4" /> {t("addApprover")}
      </Button>
    </div>
  );
}

/**
 * The level editor of one process. Saving a published process opens a new draft version; the
 * draft is published separately (new orders then get it, running orders keep theirs).
 */
export function ProcessEditor({ id, name, description: initialDescription, levels: initialLevels, draft, editable, choices }: { id: string; name: string; description: string; levels: LevelDef[]; draft: boolean; editable: boolean; choices: ApproverChoices }) {
  const t = useTranslations("processes.editor");
  const ts = useTranslations("orders.spec");
  const tr = useTranslations("roles");
  const [levels, setLevels] = useState<LevelDef[]>(initialLevels);
  const [description, setDescription] = useState(initialDescription);
  const [dirty, setDirty] = useState(false);
  const save = useServerAction();
  const publish = useServerAction();
  const done = useFeedback();
  const userName = (u: string) => choices.users.find((x) => x.id === u)?.username ?? u;
  const change = (next: LevelDef[]) => {
    setLevels(next);
    setDirty(true);
  };
  const patch = (i: number, p: Partial<LevelDef>) => change(levels.map((l, j) => (j === i ? { ...l, ...p } : l)));
  const move = (i: number, by: number) => {
    const next = [...levels];
    const [l] = next.splice(i, 1);
    if (l) next.splice(i + by, 0, l);
    change(next);
  };
  return (
    <div className="space-y-3">
      <label className="block">
        <span className="mb-1 block text-xs text-slate-600">{t("description")}</span>
        <textarea
          value={description}
          disabled={!editable}
          onChange={(e) => {
            setDescription(e.target.value);
            setDirty(true);
          }}
          rows={2}
          maxLength={500}
          className="w-full rounded-sm border border-slate-300 px-2 py-1 text-[13px]"
          aria-label={t("description")}
        />
      </label>
      {levels.map((l, i) => (
        <fieldset key={i} className="rounded-sm border border-slate-200 bg-slate-50/50 p-3" data-testid={`level-${i + 1}`} disabled={!editable}>
          <legend className="px-1 text-xs font-semibold text-slate-700">{t("levelN", { n: i + 1 })}</legend>
          <div className="grid grid-cols-2 gap-2 lg:grid-cols-4">
            <TextField label={t("levelName", { n: i + 1 })} value={l.name} onChange={(v) => patch(i, { name: v })} maxLength={64} />
            <SelectField label={t("mode", { n: i + 1 })} value={l.mode} onChange={(v) => patch(i, { mode: v as LevelDef["mode"] })} options={SIGN_MODES.map((m) => ({ value: m, label: t(`modes.${m}`) }))} />
            <TextField
              type="number"
              label={t("timeoutMinutes", { n: i + 1 })}
              value={l.timeoutSeconds === null ? "" : String(l.timeoutSeconds / 60)}
              placeholder={t("noTimeout")}
              onChange={(v) => patch(i, { timeoutSeconds: v.trim() === "" ? null : Math.round(Number(v) * 60) })}
            />
            <SelectField
              label={t("onTimeout", { n: i + 1 })}
              value={l.onTimeout}
              onChange={(v) => patch(i, { onTimeout: v as LevelDef["onTimeout"] })}
              options={[
                { value: "approve", label: t("timeoutApprove") },
                { value: "reject", label: t("timeoutReject") },
              ]}
            />
          </div>
          <ul className="mt-2 space-y-1">
            {l.approvers.map((a, k) => (
              <li key={k} className="flex items-center gap-2 text-[13px]">
                <span>{describeApprover(a, ts, tr, userName)}</span>
                {editable ? (
                  <Button size="sm" variant="link" onClick={() => patch(i, { approvers: l.approvers.filter((_, m) => m !== k) })} aria-label={t("removeApprover", { who: describeApprover(a, ts, tr, userName), level: i + 1 })}>
                    {t("remove")}
                  </Button>
                ) : null}
              </li>
            ))}
            {l.approvers.length === 0 ? <li className="text-xs text-amber-700">{t("noApprovers")}</li> : null}
          </ul>
          {editable ? (
            <>
              <AddApprover choices={choices} level={i + 1} onAdd={(a) => patch(i, { approvers: l.approvers.some((x) => JSON.stringify(x) === JSON.stringify(a)) ? l.approvers : [...l.approvers, a] })} />
              <div className="mt-2 flex gap-1">
                <Button size="sm" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("moveUp", { n: i + 1 })}>
                  <ArrowUp className="h-3.5 w-3.5" />
                </Button>
                <Button size="sm" disabled={i === levels.length - 1} onClick={() => move(i, 1)} aria-label={t("moveDown", { n: i + 1 })}>
                  <ArrowDown className="h-3.5 w-3.5" />
                </Button>
                <Button size="sm" disabled={levels.length === 1} onClick={() => change(levels.filter((_, j) => j !== i))} aria-label={t("removeLevel", { n: i + 1 })}>
                  <Trash2 className="h-3.5 w-3.5" /> {t("removeLevelShort")}
                </Button>
              </div>
            </>
          ) : null}
        </fieldset>
      ))}
      {editable ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button disabled={levels.length >= MAX_LEVELS} onClick={() => change([...levels, defaultLevel(t("levelN", { n: levels.length + 1 }))])}>
            <Plus className="h-4 w-4" /> {t("addLevel")}
          </Button>
          <span className="text-xs text-slate-500">{t("maxLevels", { max: MAX_LEVELS })}</span>
          <span className="flex-1" />
          <Button variant="primary" disabled={save.pending || !dirty} onClick={() => save.run(() => saveProcessAction({ id, description, levels }), () => setDirty(false), { success: done("saved", "process", name) })}>
            {t("save")}
          </Button>
          <Button variant="primary" disabled={publish.pending || dirty || !draft} onClick={() => publish.run(() => publishProcessAction({ id }), undefined, { success: done("published", "process", name) })}>
            {t("publish")}
          </Button>
        </div>
      ) : (
        <Alert tone="warning">{t("readOnly")}</Alert>
      )}
      {dirty && editable ? <p className="text-xs text-slate-500">{t("unsaved")}</p> : null}
      {save.error ? <Alert>{[save.error, ...Object.values(save.fields)].join(" ")}</Alert> : null}
      {publish.error ? <Alert>{publish.error}</Alert> : null}
    </div>
  );
}
