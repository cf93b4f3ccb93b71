"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { launchInput, type LaunchInput } from "@/lib/schemas/instances";
import { MAX_ORDER_LINES, type OrderItemInput as OrderLine } from "@/lib/schemas/orders";
import type { FlavorDto } from "@/lib/server/queries/catalog";
import type { LaunchQuotaDto } from "@/lib/server/queries/organizations";
import type { LaunchWizardData } from "@/lib/server/queries/launch-wizard";
import { launchInstanceAction } from "@/lib/server/actions/instances";
import { checkPlacementAction, submitOrderAction } from "@/lib/server/actions/orders";
import { gib } from "@/lib/client/format";
import { cn } from "@/lib/client/cn";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/empty-state";
import { Tag } from "@/components/ui/status-badge";
import { SpecTags } from "@/components/ui/spec-tags";
import { notify } from "@/components/ui/toaster";
import { useSeedText } from "@/components/ui/seed-text";
import { imageMinimumGb } from "@/lib/cloud/storage/volume-states";
import { VOLUME_MIN_GB } from "@/lib/schemas/disks";
import { disksInput, LaunchDisks, type LaunchDisksValue } from "./launch-disks";
import { initialNetwork, LaunchNetwork, networkInput, type LaunchNetworkValue } from "./launch-network";
import type { LaunchNetworkChoices } from "@/lib/server/queries/network";

const STEPS = ["basic", "image", "confirm"] as const;

export function LaunchWizard({
  data,
  region,
  defaultName,
  quota,
  productId,
}: {
  data: Pick<LaunchWizardData, "azs" | "flavors" | "images" | "serverGroups" | "launchable" | "keyPairs" | "volumeTypes"> & { networks: LaunchNetworkChoices };
  region: string;
  defaultName: string;
  quota: LaunchQuotaDto | null;
  /** Ordering through the catalog: the purchase becomes an order of this product, which its approval process decides. */
  productId?: string;
}) {
  const { azs, flavors, images, serverGroups, launchable, keyPairs, volumeTypes } = data;
  const t = useTranslations("ecs.create");
  const tq = useTranslations("quota.resources");
  const tg = useTranslations("ecs.serverGroups");
  const te = useTranslations("errors.field");
  const tf = useTranslations("feedback");
  const seed = useSeedText();
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [category, setCategory] = useState<string>("all");
  const [serverError, setServerError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  // Ordering: lines already configured for this order (the one on screen is sent with them).
  const [cart, setCart] = useState<OrderLine[]>([]);
  const form = useForm<z.input<typeof launchInput>, unknown, LaunchInput>({
    resolver: zodResolver(launchInput),
    defaultValues: { name: defaultName, az: azs[0]?.id ?? "", flavorId: "", imageId: "", count: 1, keyName: data.keyPairs[0]?.name },
    mode: "onTouched",
  });
  const v = form.watch();
  const count = Math.max(1, Number(v.count) || 1);
  const flavor = flavors.find((f) => f.id === v.flavorId);
  const image = images.find((i) => i.id === v.imageId);
  // The system disk on an EVS volume by default (HCS); the flavor's local disk when chosen, or when the caller may not create volumes.
  const [disks, setDisks] = useState<LaunchDisksValue>({ system: volumeTypes[0] ? { volumeTypeId: volumeTypes[0].id, sizeGb: "40", deleteOnTermination: true } : null, data: [] });
  const [net, setNet] = useState<LaunchNetworkValue>(() => initialNetwork(data.networks));
  useEffect(() => {
    const chosen = networkInput(net);
    form.setValue("networks", chosen.networks);
    form.setValue("securityGroupIds", chosen.securityGroupIds);
    form.setValue("eipBandwidthMbit", chosen.eipBandwidthMbit);
  }, [net, form]);
  const minSystemGb = Math.max(VOLUME_MIN_GB, image ? imageMinimumGb(image) : 0);
  // A bigger image raises the system disk to what it needs.
  useEffect(() => {
    setDisks((d) => (d.system && Number(d.system.sizeGb) < minSystemGb ? { ...d, system: { ...d.system, sizeGb: String(minSystemGb) } } : d));
  }, [minSystemGb]);
  useEffect(() => {
    const chosen = disksInput(disks);
    form.setValue("systemDisk", chosen.systemDisk);
    form.setValue("dataDisks", chosen.dataDisks);
  }, [disks, form]);
  const categories = ["all", ...new Set(flavors.map((f) => f.category))];
  // A flavor one instance of which the VDC's quota (at every level) cannot hold is offered greyed out.
  const available = (resource: string) => quota?.rows.find((r) => r.resource === resource)?.available ?? null;
  const fitsQuota = (f: FlavorDto) => {
    const cores = available("cores");
    const ram = available("ram_gb");
    const instances = available("instances");
    return (cores === null || cores >= f.vcpus) && (ram === null || ram >= Math.ceil(f.ramMb / 1024)) && (instances === null || instances >= 1);
  };
  // What the chosen AZ could ever take (its enabled hosts, idle): the rest is shown disabled with
  // the reason now, rather than refused on the last step.
  const inAz = launchable[v.az] ?? {};
  const flavorPossible = (flavorId: string) => (v.imageId ? (inAz[v.imageId] ?? []) : Object.values(inAz).flat()).includes(flavorId);
  const imageRefusal = (imageId: string, architecture: string): string | null => {
    const takes = inAz[imageId] ?? [];
    if (takes.length === 0) return t("imageNoHost", { az: v.az, arch: architecture });
    if (flavor && !takes.includes(flavor.id)) return t("imageNotWithFlavor", { az: v.az, flavor: flavor.name });
    return null;
  };
  // A choice the new AZ cannot take is dropped, so the wizard never carries an impossible pair.
  useEffect(() => {
    const cur = form.getValues();
    const az = launchable[cur.az] ?? {};
    if (cur.imageId && !(az[cur.imageId] ?? []).length) form.setValue("imageId", "");
    if (cur.flavorId && !Object.values(az).flat().includes(cur.flavorId)) form.setValue("flavorId", "");
  }, [v.az, launchable, form]);
  const err = (k: keyof LaunchInput) => {
    const m = form.formState.errors[k]?.message;
    return m ? (te.has(m) ? te(m) : m) : null;
  };

  const [placement, setPlacement] = useState<string | null>(null);
  // The login step: one of the caller's key pairs (the default when they have one) or a password.
  const [login, setLogin] = useState<"keypair" | "password">(keyPairs.length ? "keypair" : "password");
  const [confirmPass, setConfirmPass] = useState("");
  const [loginError, setLoginError] = useState<string | null>(null);
  const chooseLogin = (kind: "keypair" | "password") => {
    setLogin(kind);
    setLoginError(null);
    if (kind === "keypair") form.setValue("adminPass", undefined);
    else form.setValue("keyName", undefined);
  };
  const diskError = (e: unknown) => {
    const m = (e as { message?: string; sizeGb?: { message?: string }; volumeTypeId?: { message?: string } } | undefined);
    const msg = m?.sizeGb?.message ?? m?.volumeTypeId?.message ?? m?.message;
    return msg ? (te.has(msg) ? te(msg) : msg) : null;
  };
  const dataDiskErrors = form.formState.errors.dataDisks as unknown as ({ sizeGb?: { message?: string } } | undefined)[] | { message?: string } | undefined;
  const dataDiskError = Array.isArray(dataDiskErrors) ? (dataDiskErrors.map(diskError).find(Boolean) ?? null) : diskError(dataDiskErrors);
  const next = async () => {
    const fields: (keyof LaunchInput)[][] = [["az", "flavorId"], ["imageId", "name", "count", "keyName", "adminPass", "systemDisk", "dataDisks", "networks", "securityGroupIds", "eipBandwidthMbit"]];
    if (!(await form.trigger(fields[step] ?? []))) return;
    // The console asks for a login credential (the API, like Nova, does not).
    if (step === 1) {
      const v1 = form.getValues();
      if (login === "keypair" && !v1.keyName) return setLoginError(t("loginKeyRequired"));
      if (login === "password" && !v1.adminPass) return setLoginError(t("loginPasswordRequired"));
      if (login === "password" && v1.adminPass !== confirmPass) return setLoginError(t("loginPasswordMismatch"));
      setLoginError(null);
    }
    // Before the summary: warn (not refuse) when no host could take it right now.
    if (step === 1) {
      setPlacement(null);
      const res = await checkPlacementAction(form.getValues());
      setPlacement(res.ok ? res.data.message : res.message);
    }
    setStep((s) => Math.min(s + 1, STEPS.length - 1));
  };
  const lineOf = (values: LaunchInput): OrderLine => {
    const { projectId: _p, ...item } = values;
    return item;
  };
  // Keep this line in the order and start configuring the next one (an order holds up to 10).
  const addAnother = form.handleSubmit((values) => {
    setCart((c) => [...c, lineOf(values)]);
    // The next line starts from the same AZ and the same login (most orders log in one way).
    form.reset({ name: `${values.name}-${cart.length + 2}`, az: values.az, flavorId: "", imageId: "", count: 1, keyName: values.keyName, adminPass: values.adminPass, ...disksInput(disks), ...networkInput(net) });
    setPlacement(null);
    setStep(0);
  });
  const submit = form.handleSubmit((values) =>
    start(async () => {
      setServerError(null);
      if (productId) {
        const res = await submitOrderAction({ productId, items: [...cart, lineOf(values)] });
        if (res.ok) {
          notify("success", tf("submitted", { no: res.data.orderNo }), { href: `/sc/orders/${res.data.id}`, label: tf("open", { name: res.data.orderNo }) });
          router.push(`/sc/orders/${res.data.id}`);
        } else {
          notify("error", res.message);
          setServerError(res.message);
        }
        return;
      }
      const res = await launchInstanceAction(values);
      if (res.ok) {
        notify("success", tf("launched", { count: values.count ?? 1, name: values.name }), { href: `/sc/ecs/${res.data.id}`, label: tf("open", { name: values.name }) });
        router.push(`/sc/ecs?created=${res.data.id}`);
      } else {
        notify("error", res.message);
        setServerError(res.message);
      }
    }),
  );

  return (
    <form onSubmit={submit} className="flex gap-4" noValidate>
      <div className="min-w-0 flex-1 space-y-4">
        <ol className="flex items-center gap-2 rounded-sm border border-slate-200 bg-white px-4 py-3 text-[13px]">
          {STEPS.map((s, i) => (
            <li key={s} className="flex items-center gap-2">
              <span className={cn("flex h-6 w-6 items-center justify-center rounded-full text-xs", i <= step ? "bg-brand-500 text-white" : "bg-slate-200 text-slate-600")}>{i + 1}</span>
              <span className={i === step ? "font-medium text-slate-900" : "text-slate-500"}>{t(`steps.${s}`)}</span>
              {i < STEPS.length - 1 ? <span className="mx-2 h-px w-10 bg-slate-300" /> : null}
            </li>
          ))}
        </ol>

        {step === 0 ? (
          <section className="space-y-4 rounded-sm border border-slate-200 bg-white p-4">
            <div>
              <div className="mb-1 text-xs text-slate-500">{t("region")}</div>
              <div className="text-[13px]">{seed(region)}</div>
            </div>
            <fieldset>
              <legend className="mb-1 text-xs text-slate-500">{t("az")}</legend>
              <div className="flex gap-2">
                {azs.map((a) => (
                  <label key={a.id} className={cn("cursor-pointer rounded-sm border px-3 py-2 text-[13px]", v.az === a.id ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-300")} title={seed(a.description)}>
                    <input type="radio" value={a.id} {...form.register("az")} className="sr-only" />
                    {a.name}
                  </label>
                ))}
              </div>
              {err("az") ? <p className="mt-1 text-xs text-red-600">{err("az")}</p> : null}
            </fieldset>
            <fieldset>
              <legend className="mb-1 text-xs text-slate-500">{t("flavor")}</legend>
              <div className="mb-2 flex gap-1">
                {categories.map((c) => (
                  <button key={c} type="button" onClick={() => setCategory(c)} className={cn("rounded-sm px-2.5 py-1 text-xs", category === c ? "bg-brand-500 text-white" : "bg-slate-100 text-slate-700")}>
                    {t(`categories.${c}`)}
                  </button>
                ))}
              </div>
              <div className="max-h-72 overflow-auto rounded-sm border border-slate-200">
                <table className="w-full text-left text-[13px]">
                  <thead className="sticky top-0 bg-slate-50 text-xs text-slate-600">
                    <tr>
                      <th className="w-8 px-3 py-1.5" />
                      <th className="px-3 py-1.5">{t("flavorName")}</th>
                      <th className="px-3 py-1.5">{t("vcpus")}</th>
                      <th className="px-3 py-1.5">{t("memory")}</th>
                      <th className="px-3 py-1.5">{t("disk")}</th>
                      <th className="px-3 py-1.5">{t("extraSpecs")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {flavors
                      .filter((f) => category === "all" || f.category === category)
                      .map((f) => {
                        const possible = flavorPossible(f.id);
                        const fits = possible && fitsQuota(f);
                        const why = possible ? t("flavorOverQuota") : t("flavorNoHost", { az: v.az });
                        return (
                        <tr
                          key={f.id}
                          className={cn("border-t border-slate-100", fits ? "cursor-pointer" : "cursor-not-allowed text-slate-400", v.flavorId === f.id && "bg-brand-50")}
                          onClick={() => fits && form.setValue("flavorId", f.id, { shouldValidate: true })}
                          title={fits ? undefined : why}
                          data-testid={`flavor-${f.id}`}
                        >
                          <td className="px-3 py-1.5">
                            <input type="radio" value={f.id} {...form.register("flavorId")} aria-label={f.name} disabled={!fits} />
                          </td>
                          <td className="px-3 py-1.5 font-medium">
                            {f.name}
                            {fits ? null : <span className="ml-2 text-[11px] font-normal text-red-500">{why}</span>}
                          </td>
                          <td className="px-3 py-1.5">{f.vcpus}</td>
                          <td className="px-3 py-1.5">{gib(f.ramMb)}</td>
                          <td className="px-3 py-1.5">{f.diskGb} GB</td>
                          <td className="px-3 py-1.5">
                            <SpecTags specs={f.extraSpecs} />
                          </td>
                        </tr>
                        );
                      })}
                  </tbody>
                </table>
              </div>
              {err("flavorId") ? <p className="mt-1 text-xs text-red-600">{err("flavorId")}</p> : null}
            </fieldset>
          </section>
        ) : null}

        {step === 1 ? (
          <section className="space-y-4 rounded-sm border border-slate-200 bg-white p-4">
            <fieldset>
              <legend className="mb-1 text-xs text-slate-500">{t("image")}</legend>
              <div className="grid grid-cols-2 gap-2 xl:grid-cols-3">
                {images.map((i) => {
                  const refusal = imageRefusal(i.id, i.architecture);
                  return (
                  <label key={i.id} title={refusal ?? undefined} data-testid={`image-${i.id}`} className={cn("rounded-sm border p-3 text-[13px]", refusal ? "cursor-not-allowed text-slate-400" : "cursor-pointer", v.imageId === i.id ? "border-brand-500 bg-brand-50" : "border-slate-300")}>
                    <input type="radio" value={i.id} {...form.register("imageId")} className="sr-only" disabled={refusal !== null} aria-label={i.name} />
                    <div className="font-medium">{i.name}</div>
                    {refusal ? <div className="mt-1 text-[11px] text-red-500">{refusal}</div> : null}
                    <div className="mt-1 flex flex-wrap gap-1">
                      <Tag>{i.architecture}</Tag>
                      <Tag>{i.diskFormat}</Tag>
                      <Tag>{t("minDisk", { gb: i.minDiskGb })}</Tag>
                      {i.visibility === "private" ? <Tag>{t("privateImage")}</Tag> : null}
                    </div>
                  </label>
                  );
                })}
              </div>
              {err("imageId") ? <p className="mt-1 text-xs text-red-600">{err("imageId")}</p> : null}
            </fieldset>
            <LaunchDisks
              value={disks}
              onChange={setDisks}
              types={volumeTypes}
              localGb={flavor?.diskGb ?? null}
              minSystemGb={minSystemGb}
              errors={{ system: diskError(form.formState.errors.systemDisk), data: dataDiskError }}
            />
            <div>
              <label htmlFor="name" className="mb-1 block text-xs text-slate-500">
                {t("name")}
              </label>
              <input id="name" {...form.register("name")} className="h-8 w-80 rounded-sm border border-slate-300 px-2" />
              <p className="mt-1 text-xs text-slate-500">{t("nameRule")}</p>
              {err("name") ? <p className="mt-1 text-xs text-red-600">{err("name")}</p> : null}
            </div>
            <div>
              <label htmlFor="count" className="mb-1 block text-xs text-slate-500">
                {t("count")}
              </label>
              <input id="count" type="number" min={1} max={20} {...form.register("count")} className="h-8 w-24 rounded-sm border border-slate-300 px-2" />
              <p className="mt-1 text-xs text-slate-500">{t("countRule")}</p>
              {err("count") ? <p className="mt-1 text-xs text-red-600">{err("count")}</p> : null}
            </div>
            <fieldset data-testid="login-step">
              <legend className="mb-1 text-xs text-slate-500">{t("login")}</legend>
              <div className="mb-2 flex gap-2">
                {(["keypair", "password"] as const).map((k) => (
                  <label key={k} className={cn("cursor-pointer rounded-sm border px-3 py-1.5 text-[13px]", login === k ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-300")}>
                    <input type="radio" name="login" className="sr-only" checked={login === k} onChange={() => chooseLogin(k)} aria-label={t(`loginKinds.${k}`)} />
                    {t(`loginKinds.${k}`)}
                  </label>
                ))}
              </div>
              {login === "keypair" ? (
                <div className="flex items-center gap-2">
                  <select id="keyName" aria-label={t("keyPair")} {...form.register("keyName", { setValueAs: (x: string) => x || undefined })} className="h-8 w-80 rounded-sm border border-slate-300 px-2">
                    <option value="">{keyPairs.length ? t("chooseKeyPair") : t("noKeyPairs")}</option>
                    {keyPairs.map((k) => (
                      <option key={k.name} value={k.name}>
                        {`${k.name} (${k.fingerprint.slice(0, 23)}…)`}
                      </option>
                    ))}
                  </select>
                  <a href="/sc/key-pairs" target="_blank" rel="noreferrer" className="text-xs text-brand-600 hover:underline">
                    {t("manageKeyPairs")}
                  </a>
                </div>
              ) : (
                <div className="space-y-2">
                  <input type="password" autoComplete="new-password" aria-label={t("adminPass")} placeholder={t("adminPass")} {...form.register("adminPass", { setValueAs: (x: string) => x || undefined })} className="h-8 w-80 rounded-sm border border-slate-300 px-2" />
                  <input type="password" autoComplete="new-password" aria-label={t("adminPassConfirm")} placeholder={t("adminPassConfirm")} value={confirmPass} onChange={(e) => setConfirmPass(e.target.value)} className="block h-8 w-80 rounded-sm border border-slate-300 px-2" />
                  <p className="text-xs text-slate-500">{t("adminPassRule")}</p>
                </div>
              )}
              {err("adminPass") ?? err("keyName") ?? loginError ? <p className="mt-1 text-xs text-red-600">{err("adminPass") ?? err("keyName") ?? loginError}</p> : null}
            </fieldset>
            <div>
              <label htmlFor="serverGroupId" className="mb-1 block text-xs text-slate-500">
                {t("serverGroup")}
              </label>
              <select id="serverGroupId" {...form.register("serverGroupId", { setValueAs: (x: string) => x || undefined })} className="h-8 w-80 rounded-sm border border-slate-300 px-2">
                <option value="">{t("noServerGroup")}</option>
                {serverGroups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {`${g.name} (${tg(`policy.${g.policy}`)}, ${g.members.length})`}
                  </option>
                ))}
              </select>
              <p className="mt-1 text-xs text-slate-500">{t("serverGroupHint")}</p>
            </div>
            <LaunchNetwork choices={data.networks} value={net} onChange={setNet} error={err("networks") ?? err("securityGroupIds") ?? err("eipBandwidthMbit")} />
          </section>
        ) : null}

        {step === 2 ? (
          <section className="rounded-sm border border-slate-200 bg-white p-4 text-[13px]">
            <p className="text-slate-600">{productId ? t("orderHint") : t("confirmHint")}</p>
            {placement ? (
              <div className="mt-3" data-testid="placement-warning">
                <Alert tone="warning">{t(productId ? "noHostNowOrder" : "noHostNow", { reason: placement })}</Alert>
              </div>
            ) : null}
          </section>
        ) : null}

        {serverError ? <Alert>{serverError}</Alert> : null}

        <div className="flex gap-2">
          {step > 0 ? <Button onClick={() => setStep((s) => s - 1)}>{t("previous")}</Button> : null}
          {step < STEPS.length - 1 ? (
            <Button key="next" variant="primary" onClick={next}>
              {t("next")}
            </Button>
          ) : (
            <>
              {productId && cart.length < MAX_ORDER_LINES - 1 ? (
                <Button key="another" onClick={() => void addAnother()} disabled={pending}>
                  {t("addAnother")}
                </Button>
              ) : null}
              <Button key="submit" variant="primary" type="submit" disabled={pending}>
                {pending ? t("submitting") : cart.length ? t("submitLines", { n: cart.length + 1 }) : productId ? t("submitOrder") : t("createNow")}
              </Button>
            </>
          )}
        </div>
      </div>

      <aside className="w-72 shrink-0 self-start rounded-sm border border-slate-200 bg-white p-4 text-[13px]" aria-label={t("summary")}>
        <h2 className="mb-3 text-sm font-semibold">{t("summary")}</h2>
        <dl className="space-y-2">
          <div>
            <dt className="text-xs text-slate-500">{t("az")}</dt>
            <dd>{v.az || "-"}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("flavor")}</dt>
            <dd>{flavor ? `${flavor.name} · ${flavor.vcpus} vCPU · ${gib(flavor.ramMb)}` : "-"}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("login")}</dt>
            <dd data-testid="summary-login">{login === "keypair" ? (v.keyName ? `${t("loginKinds.keypair")} · ${v.keyName}` : "-") : t("loginKinds.password")}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("image")}</dt>
            <dd>{image?.name ?? "-"}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("disks.title")}</dt>
            <dd data-testid="summary-disks">
              {disks.system ? t("disks.summaryVolume", { size: disks.system.sizeGb, type: volumeTypes.find((x) => x.id === disks.system?.volumeTypeId)?.name ?? "-" }) : t("disks.summaryLocal", { gb: flavor?.diskGb ?? "-" })}
              {disks.data.length ? ` · ${t("disks.summaryData", { n: disks.data.length, gb: disks.data.reduce((a, d) => a + (Number(d.sizeGb) || 0), 0) })}` : ""}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("network.title")}</dt>
            <dd data-testid="summary-network">
              {(() => {
                const s = data.networks.subnets.find((x) => x.id === net.subnetId);
                return `${s ? `${s.vpc} / ${s.name}` : t("network.defaultVpc")}${net.eip ? ` · ${t("network.summaryEip", { mbit: net.bandwidth })}` : ""}`;
              })()}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("name")}</dt>
            <dd className="break-all">{v.name || "-"}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("count")}</dt>
            <dd>{count}</dd>
          </div>
        </dl>
        {cart.length ? (
          <div className="mt-4 border-t border-slate-100 pt-3" data-testid="order-lines">
            <h3 className="mb-2 text-xs font-semibold text-slate-700">{t("cartTitle", { n: cart.length })}</h3>
            <ul className="space-y-1 text-xs">
              {cart.map((l, i) => (
                <li key={i} className="flex items-center justify-between gap-2">
                  <span className="break-all">{`${l.name} · ${flavors.find((f) => f.id === l.flavorId)?.name ?? l.flavorId} x${l.count ?? 1} · ${l.az}`}</span>
                  <Button size="sm" variant="link" onClick={() => setCart((c) => c.filter((_, j) => j !== i))} aria-label={t("cartRemove", { name: l.name })}>
                    {t("cartRemoveShort")}
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {quota ? (
          <div className="mt-4 border-t border-slate-100 pt-3" data-testid="launch-quota">
            <h3 className="mb-2 text-xs font-semibold text-slate-700">{t("quotaTitle", { vdc: quota.vdc })}</h3>
            <ul className="space-y-1 text-xs">
              {quota.rows.map((r) => {
                // What this line and the lines already in the order ask of the resource.
                const per = (l: { flavor: FlavorDto | undefined; systemDisk?: { sizeGb: unknown } | undefined; dataDisks?: { sizeGb: unknown }[] | undefined }) => {
                  const disks = [l.systemDisk, ...(l.dataDisks ?? [])].filter((d): d is { sizeGb: unknown } => Boolean(d));
                  if (r.resource === "volumes") return disks.length;
                  if (r.resource === "gigabytes") return disks.reduce((a, d) => a + (Number(d.sizeGb) || 0), 0);
                  const f = l.flavor;
                  return !f ? 0 : r.resource === "instances" ? 1 : r.resource === "cores" ? f.vcpus : Math.ceil(f.ramMb / 1024);
                };
                const need = count * per({ flavor, ...disksInput(disks) }) + cart.reduce((sum, l) => sum + (Number(l.count) || 1) * per({ flavor: flavors.find((f) => f.id === l.flavorId), systemDisk: l.systemDisk, dataDisks: l.dataDisks }), 0);
                const short = r.available !== null && need > r.available;
                return (
                  <li key={r.resource} className={short ? "text-red-600" : "text-slate-600"}>
                    {tq(r.resource)}: {r.available === null ? t("quotaUnlimited") : t("quotaAvailable", { n: r.available })}
                    {r.limitedBy && r.limitedBy !== quota.vdc ? ` (${t("quotaLimitedBy", { vdc: r.limitedBy })})` : ""}
                    {short ? ` - ${t("quotaShort", { need })}` : ""}
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}
      </aside>
    </form>
  );
}
