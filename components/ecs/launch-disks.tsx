"use client";
import { useTranslations } from "next-intl";
import { MAX_DATA_DISKS } from "@/lib/schemas/disks";
import { cn } from "@/lib/client/cn";
import { Button } from "@/components/ui/button";

export interface DiskChoice {
  volumeTypeId: string;
  sizeGb: string;
  deleteOnTermination: boolean;
}

export interface LaunchDisksValue {
  /** null: the flavor's local root disk. */
  system: DiskChoice | null;
  data: DiskChoice[];
}

type VolumeTypeOption = { id: string; name: string; description: string };

function DiskRow({ label, disk, types, onChange, onRemove, error, testId }: { label: string; disk: DiskChoice; types: VolumeTypeOption[]; onChange: (d: DiskChoice) => void; onRemove?: () => void; error?: string | null; testId: string }) {
  const t = useTranslations("ecs.create.disks");
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid={testId}>
      <span className="w-24 text-xs text-slate-500">{label}</span>
      <select aria-label={t("typeOf", { disk: label })} value={disk.volumeTypeId} onChange={(e) => onChange({ ...disk, volumeTypeId: e.target.value })} className="h-8 w-48 rounded-sm border border-slate-300 px-2">
        {types.map((ty) => (
          <option key={ty.id} value={ty.id} title={ty.description}>
            {ty.name}
          </option>
        ))}
      </select>
      <input aria-label={t("sizeOf", { disk: label })} type="number" min={10} value={disk.sizeGb} onChange={(e) => onChange({ ...disk, sizeGb: e.target.value })} className="h-8 w-24 rounded-sm border border-slate-300 px-2" />
      <span className="text-xs text-slate-500">GB</span>
      <label className="flex items-center gap-1 text-xs text-slate-600">
        <input type="checkbox" checked={disk.deleteOnTermination} onChange={(e) => onChange({ ...disk, deleteOnTermination: e.target.checked })} aria-label={t("deleteWithOf", { disk: label })} />
        {t("deleteWith")}
      </label>
      {onRemove ? (
        <Button size="sm" variant="link" onClick={onRemove} aria-label={t("removeOf", { disk: label })}>
          {t("remove")}
        </Button>
      ) : null}
      {error ? <span className="w-full pl-26 text-xs text-red-600">{error}</span> : null}
    </div>
  );
}

/**
 * The wizard's disks: the system disk on an EVS volume of a chosen type and size (HCS's default;
 * or the flavor's local disk), and data disks created with the ECS, each deleted with it unless kept.
 */
export function LaunchDisks({ value, onChange, types, localGb, minSystemGb, errors }: { value: LaunchDisksValue; onChange: (v: LaunchDisksValue) => void; types: VolumeTypeOption[]; localGb: number | null; minSystemGb: number; errors: { system?: string | null; data?: string | null } }) {
  const t = useTranslations("ecs.create.disks");
  const first = types[0]?.id ?? "";
  const blank = (): DiskChoice => ({ volumeTypeId: first, sizeGb: "100", deleteOnTermination: true });
  return (
    <fieldset className="space-y-2" data-testid="disks-step">
      <legend className="mb-1 text-xs text-slate-500">{t("title")}</legend>
      <div className="flex gap-2">
        {(["volume", "local"] as const).map((k) => {
          const on = k === "volume" ? value.system !== null : value.system === null;
          const disabled = k === "volume" && types.length === 0;
          return (
            <label key={k} className={cn("rounded-sm border px-3 py-1.5 text-[13px]", disabled ? "cursor-not-allowed text-slate-400" : "cursor-pointer", on ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-300")}>
              <input
                type="radio"
                name="system-disk-kind"
                className="sr-only"
                checked={on}
                disabled={disabled}
                onChange={() => onChange({ ...value, system: k === "volume" ? { volumeTypeId: first, sizeGb: String(Math.max(40, minSystemGb)), deleteOnTermination: true } : null })}
                aria-label={t(`kinds.${k}`)}
              />
              {t(`kinds.${k}`)}
            </label>
          );
        })}
      </div>
      {value.system ? (
        <>
          <DiskRow label={t("system")} disk={value.system} types={types} onChange={(d) => onChange({ ...value, system: d })} error={errors.system} testId="disk-system" />
          <p className="text-xs text-slate-500">{t("systemHint", { min: minSystemGb })}</p>
        </>
      ) : (
        <p className="text-xs text-slate-500">{t("localHint", { gb: localGb ?? "-" })}</p>
      )}
      {value.data.map((d, i) => (
        <DiskRow
          key={i}
          label={t("data", { n: i + 1 })}
          disk={d}
          types={types}
          onChange={(x) => onChange({ ...value, data: value.data.map((y, j) => (j === i ? x : y)) })}
          onRemove={() => onChange({ ...value, data: value.data.filter((_, j) => j !== i) })}
          testId={`disk-data-${i + 1}`}
        />
      ))}
      {errors.data ? <p className="text-xs text-red-600">{errors.data}</p> : null}
      {types.length && value.data.length < MAX_DATA_DISKS ? (
        <Button size="sm" onClick={() => onChange({ ...value, data: [...value.data, blank()] })}>
          {t("addData")}
        </Button>
      ) : null}
    </fieldset>
  );
}

/** The form's fields for the chosen disks (the schema coerces the sizes). */
export function disksInput(v: LaunchDisksValue): { systemDisk?: DiskChoice; dataDisks?: DiskChoice[] } {
  return { systemDisk: v.system ?? undefined, dataDisks: v.data.length ? v.data : undefined };
}
