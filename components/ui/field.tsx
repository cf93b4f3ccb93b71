import type { ReactNode } from "react";

const control = "h-8 w-full rounded-sm border border-slate-300 px-2 text-[13px]";

/**
 * A labelled form control as the console's dialogs draw it: the label above, the control named
 * by it (so tests and screen readers find it by the visible words), the field's error below.
 */
function Labelled({ label, error, children }: { label: string; error?: string | null; children: ReactNode }) {
  return (
    <label className="block">
      <span className="mb-1 block text-xs text-slate-600">{label}</span>
      {children}
      {error ? <span className="text-xs text-red-600">{error}</span> : null}
    </label>
  );
}

export function TextField(props: { label: string; value: string; onChange: (value: string) => void; error?: string | null; type?: string; maxLength?: number; placeholder?: string; autoComplete?: string }) {
  return (
    <Labelled label={props.label} error={props.error}>
      <input
        type={props.type ?? "text"}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete}
        className={control}
        aria-label={props.label}
      />
    </Labelled>
  );
}

/** A select from `options` (with an optional empty first choice, `placeholder`), or from its children. */
export function SelectField(props: { label: string; value: string; onChange: (value: string) => void; error?: string | null; options?: readonly { value: string; label: string }[]; placeholder?: string; children?: ReactNode }) {
  return (
    <Labelled label={props.label} error={props.error}>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} className={`${control} bg-white`} aria-label={props.label}>
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {props.children}
      </select>
    </Labelled>
  );
}

/** `{id, name}` rows as select options. */
export const asOptions = (rows: readonly { id: string; name: string }[]) => rows.map((r) => ({ value: r.id, label: r.name }));
