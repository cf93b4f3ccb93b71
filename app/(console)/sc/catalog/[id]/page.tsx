import { randomBytes } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { launchWizardData } from "@/lib/server/queries/launch-wizard";
import { getProduct, type ProductDto } from "@/lib/server/queries/orders";
import { listAzs, listRegions } from "@/lib/server/queries/catalog";
import { listVolumeTypes, volumeSourceImages } from "@/lib/server/queries/storage";
import { requirePermission, type Actor } from "@/lib/server/auth/actor";
import { VolumeOrderForm } from "@/components/evs/volume-order-form";
import { launchQuota } from "@/lib/server/queries/organizations";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { LaunchWizard } from "@/components/ecs/launch-wizard";
import { NetworkOrderForm } from "@/components/network/network-order-form";
import { orNotFound, pageActor } from "../../../page-guard";

/** The order form of a product: the ECS purchase wizard, or the EVS volume form, within the product's region/AZ lock. */
export default async function OrderProductPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("sc", "ecs:create");
  const { id } = await params;
  const product = await orNotFound(() => getProduct(actor, id));
  if (product.serviceType === "evs") return <VolumeProductPage actor={actor} product={product} />;
  if (product.serviceType === "vpc" || product.serviceType === "eip") return <NetworkProductPage actor={actor} product={product} kind={product.serviceType} />;
  const [data, t, tn] = await Promise.all([launchWizardData(actor), getTranslations("catalog"), getTranslations("nav")]);
  const region = data.regions.find((r) => r.id === (product.regionId ?? data.regions[0]?.id)) ?? data.regions[0];
  // The disks the wizard creates count against volumes and gigabytes too.
  const quota = region ? await launchQuota(actor, region.id, actor.permissions.has("evs:create") ? ["instances", "cores", "ram_gb", "volumes", "gigabytes"] : undefined) : null;
  // The product's AZ lock, else the AZs it offers, within its region lock.
  const offered = data.azs.filter((a) => (product.azIds.length ? product.azIds.includes(a.id) : !product.regionId || a.regionId === product.regionId));
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title"), href: "/sc/catalog" }, { label: product.name }]} />
      <PageHeader title={t("orderTitle", { name: product.name })} description={product.needsApproval ? t("approval", { process: product.process ?? "-" }) : t("noApproval")} />
      <LaunchWizard data={{ ...data, azs: offered }} region={region?.name ?? "-"} defaultName={`ecs-${randomBytes(2).toString("hex")}`} quota={quota} productId={product.id} />
    </>
  );
}

/** The order form of an EVS product: volumes within the product's AZ lock, decided by its approval process. */
async function VolumeProductPage({ actor, product }: { actor: Actor; product: ProductDto }) {
  requirePermission(actor, "evs:create");
  const [azs, regions, types, images, t, tn] = await Promise.all([listAzs(), listRegions(), listVolumeTypes(actor), volumeSourceImages(actor), getTranslations("catalog"), getTranslations("nav")]);
  const region = regions.find((r) => r.id === (product.regionId ?? regions[0]?.id)) ?? regions[0];
  const quota = region ? await launchQuota(actor, region.id, ["volumes", "gigabytes"], "evs:create") : null;
  const left = (r: "volumes" | "gigabytes") => quota?.rows.find((x) => x.resource === r)?.available ?? null;
  const offered = azs.filter((a) => (product.azIds.length ? product.azIds.includes(a.id) : !product.regionId || a.regionId === product.regionId));
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title"), href: "/sc/catalog" }, { label: product.name }]} />
      <PageHeader title={t("orderTitle", { name: product.name })} description={product.needsApproval ? t("approval", { process: product.process ?? "-" }) : t("noApproval")} />
      <VolumeOrderForm
        productId={product.id}
        azs={offered}
        types={types}
        images={images}
        headroom={{ volumes: left("volumes"), gigabytes: left("gigabytes") }}
        defaultName={`evs-${randomBytes(2).toString("hex")}`}
      />
    </>
  );
}

/** The order form of a VPC or EIP product, decided by its approval process. */
async function NetworkProductPage({ actor, product, kind }: { actor: Actor; product: ProductDto; kind: "vpc" | "eip" }) {
  requirePermission(actor, "vpc:manage");
  const [regions, t, tn] = await Promise.all([listRegions(), getTranslations("catalog"), getTranslations("nav")]);
  const region = regions.find((r) => r.id === (product.regionId ?? regions[0]?.id)) ?? regions[0];
  const resource = kind === "vpc" ? "vpcs" : "eips";
  const quota = region ? await launchQuota(actor, region.id, [resource], "vpc:manage") : null;
  return (
    <>
      <Breadcrumbs items={[{ label: tn("sc.overview"), href: "/sc" }, { label: t("title"), href: "/sc/catalog" }, { label: product.name }]} />
      <PageHeader title={t("orderTitle", { name: product.name })} description={product.needsApproval ? t("approval", { process: product.process ?? "-" }) : t("noApproval")} />
      <NetworkOrderForm productId={product.id} kind={kind} defaultName={`${kind}-${randomBytes(2).toString("hex")}`} headroom={quota?.rows.find((r) => r.resource === resource)?.available ?? null} />
    </>
  );
}
