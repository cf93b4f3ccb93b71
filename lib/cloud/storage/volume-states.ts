// Cinder's volume statuses and which actions each allows (cinder/volume/api.py, Zed), shared by
// the services (which refuse) and the pages (which disable the buttons). Transitional statuses
// belong to a task in flight; an error status can only be deleted.

export const VOLUME_STATUSES = ["creating", "downloading", "available", "reserved", "attaching", "in-use", "detaching", "extending", "deleting", "error", "error_deleting", "error_extending"] as const;
export type VolumeStatus = (typeof VOLUME_STATUSES)[number];

export const TRANSITIONAL: readonly VolumeStatus[] = ["creating", "downloading", "reserved", "attaching", "detaching", "extending", "deleting"];

export type VolumeAction = "attach" | "detach" | "extend" | "snapshot" | "delete";

export interface VolumeView {
  status: VolumeStatus | string;
  /** Attachments in any status. */
  attachments: number;
  /** Snapshots not deleted. */
  snapshots: number;
}

export type VolumeRefusal = { reason: "status"; status: string; action: VolumeAction } | { reason: "attached" } | { reason: "has_snapshots"; snapshots: number };

/** Why Cinder would refuse the action now, or null when it is allowed. */
export function volumeRefusal(v: VolumeView, action: VolumeAction): VolumeRefusal | null {
  const status = v.status as VolumeStatus;
  switch (action) {
    case "attach":
      return status === "available" ? null : { reason: "status", status, action };
    case "detach":
      return status === "in-use" ? null : { reason: "status", status, action };
    // Extending in-use volumes is allowed since microversion 3.42.
    case "extend":
      return status === "available" || status === "in-use" ? null : { reason: "status", status, action };
    // A snapshot of an in-use volume needs force in Cinder; the console offers it (the array snapshots consistently).
    case "snapshot":
      return status === "available" || status === "in-use" ? null : { reason: "status", status, action };
    case "delete":
      if (v.attachments > 0 || status === "in-use") return { reason: "attached" };
      if (v.snapshots > 0) return { reason: "has_snapshots", snapshots: v.snapshots };
      return status === "available" || status === "error" || status === "error_extending" || status === "error_deleting" ? null : { reason: "status", status, action };
  }
}

export const volumeAllowed = (v: VolumeView, action: VolumeAction) => volumeRefusal(v, action) === null;

/** The instance states Nova attaches and detaches volumes in (compute/api.py's check_instance_state for attach_volume). */
export const ATTACHABLE_VM_STATES: readonly string[] = ["active", "paused", "stopped", "suspended", "resized"];

/** An instance a volume can be attached to (or detached from) now: a settled, attachable state and no task in flight. */
export const instanceTakesVolumes = (i: { vmState: string; taskState: string | null }) => ATTACHABLE_VM_STATES.includes(i.vmState) && i.taskState === null;

/** The boot disk's device: a volume attached there is the instance's system disk. */
export const ROOT_DEVICE = "/dev/vda";

/** Device names as Nova hands them out to virtio disks: the boot disk is vda, then vdb, vdc... */
export function nextDevice(taken: readonly string[]): string {
  const used = new Set(taken);
  for (let i = 1; i < 26; i++) {
    const device = `/dev/vd${String.fromCharCode(97 + i)}`;
    if (!used.has(device)) return device;
  }
  throw new Error("no free device name");
}

/** The smallest volume Cinder creates from an image: its size rounded up to whole GB, and its min_disk. */
export const imageMinimumGb = (image: { sizeMb: number; minDiskGb: number }) => Math.max(image.minDiskGb, Math.ceil(image.sizeMb / 1024));
