import { z } from "zod";
import { SERVER_GROUP_POLICIES } from "@/lib/cloud/compute/scheduler";

// The OpenStack-compatible API's inputs, as Keystone v3 takes them.

const ref = z.object({ id: z.string().trim().min(1).max(128).optional(), name: z.string().trim().min(1).max(128).optional() });
const named = ref.extend({ domain: ref.optional() }).refine((r) => r.id || r.name, { message: "id or name" });

export const authRequest = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.enum(["password", "token", "application_credential"])).min(1).max(2),
      password: z.object({ user: named.and(z.object({ password: z.string().min(1).max(200) })) }).optional(),
      token: z.object({ id: z.string().min(1).max(200) }).optional(),
      // By id, or by name with its user.
      application_credential: z.object({ id: z.string().min(1).max(64).optional(), name: z.string().min(1).max(255).optional(), secret: z.string().min(1).max(200), user: named.optional() }).optional(),
    }),
    scope: z.union([z.literal("unscoped"), z.object({ project: named }), z.object({ domain: ref }), z.object({ system: z.record(z.string(), z.unknown()) })]).optional(),
  }),
});
export type AuthRequest = z.infer<typeof authRequest>;

/** POST /v3/users/{id}/application_credentials: a name, and a secret of its own or one made for it. */
export const applicationCredentialCreate = z.object({
  application_credential: z.object({
    name: z.string().trim().min(1).max(255),
    description: z.string().max(255).nullable().optional(),
    // A secret chosen by the caller must be long enough not to be guessed (the credential is not locked out as a password is).
    secret: z.string().min(16, { message: "secret_too_short" }).max(200).nullable().optional(),
    expires_at: z.string().max(40).nullable().optional(),
    // A credential acts with its user's roles in its project; asking for a subset is not offered.
    roles: z.array(z.object({ id: z.string().optional(), name: z.string().optional() })).max(0, { message: "roles_subset_not_supported" }).optional(),
    unrestricted: z.literal(false).optional(),
    access_rules: z.array(z.unknown()).max(0).optional(),
  }),
});

// ------------------------------------------------------------------------- Nova: servers

/** A reference as Nova takes it: an id, or a link whose last segment is the id. */
const novaRef = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .transform((r) => r.replace(/\/+$/, "").split("/").at(-1) as string);

const bdm = z.object({
  boot_index: z.union([z.number().int(), z.string().regex(/^-?\d+$/), z.null()]).optional(),
  uuid: z.string().max(64).optional(),
  source_type: z.enum(["image", "blank", "volume", "snapshot"]),
  destination_type: z.enum(["volume", "local"]).optional(),
  volume_size: z.union([z.number().int(), z.string().regex(/^\d+$/)]).optional(),
  volume_type: z.string().max(255).nullable().optional(),
  delete_on_termination: z.union([z.boolean(), z.enum(["true", "false", "True", "False", "1", "0"])]).optional(),
  device_name: z.string().max(255).nullable().optional(),
  disk_bus: z.string().max(32).optional(),
  device_type: z.string().max(32).optional(),
  guest_format: z.string().max(32).nullable().optional(),
  tag: z.string().max(60).optional(),
});
export type NovaBlockDevice = z.infer<typeof bdm>;

const countField = z.union([z.number().int().min(1), z.string().regex(/^\d+$/).transform(Number)]);

/** POST /v2.1/servers as microversion 2.1 takes it (the fields this cloud honours; the rest refused by name). */
export const novaServerCreate = z
  .object({
    server: z
      .object({
        name: z.string().trim().min(1).max(255),
        imageRef: z.string().max(512).optional(),
        flavorRef: novaRef,
        availability_zone: z.string().trim().min(1).max(255).optional(),
        networks: z.union([z.enum(["auto", "none"]), z.array(z.object({ uuid: z.string().max(64).optional(), fixed_ip: z.string().max(64).optional(), port: z.string().max(64).optional(), tag: z.string().max(60).optional() })).max(12)]).optional(),
        security_groups: z.array(z.object({ name: z.string().trim().min(1).max(255) })).max(5).optional(),
        key_name: z.string().max(255).optional(),
        adminPass: z.string().max(255).optional(),
        min_count: countField.optional(),
        max_count: countField.optional(),
        block_device_mapping_v2: z.array(bdm).max(9).optional(),
        block_device_mapping: z.array(z.unknown()).optional(),
        metadata: z.record(z.string(), z.string()).optional(),
        user_data: z.string().max(65535).optional(),
        config_drive: z.union([z.boolean(), z.string()]).optional(),
        personality: z.array(z.unknown()).optional(),
        return_reservation_id: z.union([z.boolean(), z.string()]).optional(),
        "OS-DCF:diskConfig": z.enum(["AUTO", "MANUAL"]).optional(),
        accessIPv4: z.string().max(64).optional(),
        accessIPv6: z.string().max(64).optional(),
      })
      .strict(),
    "OS-SCH-HNT:scheduler_hints": z.record(z.string(), z.unknown()).optional(),
    "os:scheduler_hints": z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type NovaServerCreate = z.infer<typeof novaServerCreate>;

/** POST /v2.1/servers/{id}/action: exactly one action, with its argument. */
export const novaServerAction = z
  .record(z.string().min(1).max(64), z.unknown())
  .refine((o) => Object.keys(o).length === 1, { message: "exactly one action per request" });

export const novaReboot = z.object({ type: z.string().transform((t) => t.toUpperCase()).pipe(z.enum(["SOFT", "HARD"])) }).strict();
export const novaResize = z.object({ flavorRef: novaRef, "OS-DCF:diskConfig": z.enum(["AUTO", "MANUAL"]).optional() }).strict();
export const novaRebuild = z.object({ imageRef: novaRef, name: z.string().max(255).optional(), adminPass: z.string().max(255).optional(), "OS-DCF:diskConfig": z.enum(["AUTO", "MANUAL"]).optional(), preserve_ephemeral: z.boolean().optional() }).strict();
export const novaMigrate = z.object({ host: z.string().max(255).nullable().optional() }).strict().nullable();
export const novaEvacuate = z.object({ host: z.string().max(255).nullable().optional(), onSharedStorage: z.union([z.boolean(), z.string()]).optional(), adminPass: z.string().max(255).optional() }).strict();
export const novaCreateImage = z.object({ name: z.string().trim().min(1).max(255), metadata: z.record(z.string(), z.string()).optional() }).strict();

// ------------------------------------------------------------------------- Cinder

const gb = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

/** POST /v3/{project}/volumes (the fields this cloud honours; the rest refused by name). */
export const cinderVolumeCreate = z
  .object({
    volume: z
      .object({
        size: gb,
        name: z.string().max(255).nullable().optional(),
        description: z.string().max(255).nullable().optional(),
        volume_type: z.string().max(255).nullable().optional(),
        availability_zone: z.string().max(255).nullable().optional(),
        imageRef: z.string().max(64).nullable().optional(),
        snapshot_id: z.string().max(64).nullable().optional(),
        source_volid: z.string().max(64).nullable().optional(),
        metadata: z.record(z.string(), z.string()).nullable().optional(),
        multiattach: z.boolean().optional(),
        consistencygroup_id: z.null().optional(),
        backup_id: z.null().optional(),
        group_id: z.null().optional(),
      })
      .strict(),
    "OS-SCH-HNT:scheduler_hints": z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** POST /v3/{project}/volumes/{id}/action: the actions a volume's owner takes through Cinder (attachments go through Nova). */
export const cinderVolumeAction = z.union([z.object({ "os-extend": z.object({ new_size: gb }).strict() }).strict()], { message: "Only os-extend is supported here: attach and detach through Nova's os-volume_attachments." });

export const cinderSnapshotCreate = z
  .object({
    snapshot: z
      .object({
        volume_id: z.string().min(1).max(64),
        name: z.string().max(255).nullable().optional(),
        description: z.string().max(255).nullable().optional(),
        force: z.union([z.boolean(), z.string()]).optional(),
        metadata: z.record(z.string(), z.string()).nullable().optional(),
      })
      .strict(),
  })
  .strict();

/** POST /v2.1/os-server-groups as 2.1 takes it: one policy in a list. */
export const novaServerGroupCreate = z.object({ server_group: z.object({ name: z.string().trim().min(1).max(255), policies: z.tuple([z.enum(SERVER_GROUP_POLICIES)]) }).strict() }).strict();

/** POST /v2.1/os-keypairs: import a public key, or have one generated (the private key answered once). */
export const novaKeypairCreate = z.object({ keypair: z.object({ name: z.string().trim().min(1).max(255), public_key: z.string().max(16_384).optional(), type: z.enum(["ssh", "x509"]).optional() }).strict() }).strict();

// ------------------------------------------------------------------------- Neutron

const nullableText = (max: number) => z.string().max(max).nullable().optional();

export const neutronSecurityGroupCreate = z.object({ security_group: z.object({ name: z.string().trim().min(1).max(255), description: nullableText(255), stateful: z.literal(true).optional(), tenant_id: z.string().max(64).optional(), project_id: z.string().max(64).optional() }).strict() }).strict();

export const neutronRuleCreate = z
  .object({
    security_group_rule: z
      .object({
        security_group_id: z.string().min(1).max(64),
        direction: z.enum(["ingress", "egress"]),
        ethertype: z.enum(["IPv4", "IPv6"]).optional(),
        protocol: z.union([z.string().max(16), z.number().int()]).nullable().optional(),
        port_range_min: z.union([z.number().int(), z.string().max(8)]).nullable().optional(),
        port_range_max: z.union([z.number().int(), z.string().max(8)]).nullable().optional(),
        remote_ip_prefix: nullableText(64),
        remote_group_id: z.string().max(64).nullable().optional(),
        remote_address_group_id: z.null().optional(),
        description: nullableText(255),
        tenant_id: z.string().max(64).optional(),
        project_id: z.string().max(64).optional(),
      })
      .strict(),
  })
  .strict();

export const neutronFloatingIpCreate = z
  .object({
    floatingip: z
      .object({
        floating_network_id: z.string().min(1).max(64),
        port_id: z.string().max(64).nullable().optional(),
        fixed_ip_address: nullableText(64),
        floating_ip_address: nullableText(64),
        description: nullableText(255),
        subnet_id: z.string().max(64).nullable().optional(),
        tenant_id: z.string().max(64).optional(),
        project_id: z.string().max(64).optional(),
      })
      .strict(),
  })
  .strict();

export const neutronFloatingIpUpdate = z.object({ floatingip: z.object({ port_id: z.string().max(64).nullable(), fixed_ip_address: nullableText(64), description: nullableText(255) }).strict() }).strict();

/** POST /v2.1/servers/{id}/os-volume_attachments: a volume of the project (the device is chosen by the cloud). */
export const novaVolumeAttach = z.object({ volumeAttachment: z.object({ volumeId: z.string().min(1).max(64), device: z.string().max(64).nullable().optional(), tag: z.string().max(60).optional(), delete_on_termination: z.boolean().optional() }).strict() }).strict();

export const neutronNetworkCreate = z.object({ network: z.object({ name: nullableText(255), admin_state_up: z.literal(true).optional(), description: nullableText(255), mtu: z.number().int().optional(), port_security_enabled: z.literal(true).optional(), tenant_id: z.string().max(64).optional(), project_id: z.string().max(64).optional() }).strict() }).strict();

export const neutronSubnetCreate = z
  .object({
    subnet: z
      .object({
        network_id: z.string().min(1).max(64),
        cidr: z.string().min(1).max(64),
        ip_version: z.union([z.literal(4), z.literal(6)]),
        name: nullableText(64),
        gateway_ip: z.string().max(64).nullable().optional(),
        enable_dhcp: z.boolean().optional(),
        allocation_pools: z.array(z.object({ start: z.string().max(64), end: z.string().max(64) })).max(20).optional(),
        dns_nameservers: z.array(z.string().max(64)).max(5).optional(),
        host_routes: z.array(z.object({ destination: z.string().max(64), nexthop: z.string().max(64) })).max(20).optional(),
        description: nullableText(255),
        tenant_id: z.string().max(64).optional(),
        project_id: z.string().max(64).optional(),
      })
      .strict(),
  })
  .strict();

const gatewayInfo = z.object({ network_id: z.string().min(1).max(64), enable_snat: z.boolean().optional(), external_fixed_ips: z.array(z.unknown()).optional() }).strict().nullable();
export const neutronRouterCreate = z.object({ router: z.object({ name: nullableText(64), external_gateway_info: gatewayInfo.optional(), admin_state_up: z.literal(true).optional(), description: nullableText(255), tenant_id: z.string().max(64).optional(), project_id: z.string().max(64).optional() }).strict() }).strict();
export const neutronRouterUpdate = z.object({ router: z.object({ external_gateway_info: gatewayInfo.optional() }).strict() }).strict();
export const neutronRouterInterface = z.object({ subnet_id: z.string().max(64).optional(), port_id: z.string().max(64).optional() }).strict().refine((b) => b.subnet_id || b.port_id, { message: "subnet_id or port_id" });

// ------------------------------------------------------------------------- Glance

/** POST /v2/images: the image's record (its data comes with PUT .../file); properties this cloud keeps, the rest refused by name. */
export const glanceImageCreate = z
  .object({
    name: z.string().trim().min(1).max(255),
    disk_format: z.enum(["qcow2", "raw", "vmdk", "vhd", "iso"]).optional(),
    container_format: z.enum(["bare", "ovf", "ova", "docker"]).optional(),
    visibility: z.enum(["public", "private", "shared", "community"]).optional(),
    min_disk: z.number().int().min(0).optional(),
    min_ram: z.number().int().min(0).optional(),
    protected: z.literal(false).optional(),
    tags: z.array(z.string().max(255)).max(0, { message: "tags are not kept by this cloud" }).optional(),
    architecture: z.enum(["x86_64", "aarch64"]).optional(),
    os_type: z.enum(["linux", "windows"]).optional(),
    os_version: z.string().max(64).optional(),
    os_distro: z.string().max(64).optional(),
    hypervisor_type: z.string().max(32).optional(),
    hw_vm_mode: z.string().max(32).optional(),
    os_hidden: z.literal(false).optional(),
    // What openstacksdk records of the file it is about to upload; the upload's own hashes are kept instead.
    "owner_specified.openstack.md5": z.string().max(64).optional(),
    "owner_specified.openstack.sha256": z.string().max(128).optional(),
    "owner_specified.openstack.object": z.string().max(255).optional(),
  })
  .strict();
