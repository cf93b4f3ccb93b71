// The serial console output an instance would have written: kernel, cloud-init (hostname, DHCP
// lease, metadata at 169.254.169.254) and the login prompt, built from what the cloud knows about
// the instance. Deterministic: the same instance always prints the same log.
import { hashString } from "../shared/random";

export interface ConsoleSource {
  id: string;
  name: string;
  osType: string;
  osVersion: string;
  architecture: string;
  ipAddress: string | null;
  macAddress: string | null;
  vmState: string;
  powerState: string;
  launchedAt: Date | null;
  /** The login chosen at purchase: a key pair (name, fingerprint), a password, or the image's default. */
  loginMethod?: string;
  keyName?: string | null;
  keyFingerprint?: string | null;
}

const fmt = (t: number) => `[${t.toFixed(6).padStart(12, " ")}]`;

export function consoleLog(src: ConsoleSource, maxLines = 200): string {
  if (!src.launchedAt) return "";
  const h = hashString(src.id);
  const lines: string[] = [];
  let t = 0;
  const at = (dt: number, text: string) => {
    t += dt;
    lines.push(`${fmt(t)} ${text}`);
  };
  if (src.osType === "windows") {
    lines.push(`Windows Boot Manager - ${src.osVersion}`, `Starting Windows...`, `EMS: Special Administration Console is ready.`, `Computer name: ${src.name.toUpperCase().slice(0, 15)}`);
    if (src.ipAddress) lines.push(`Cloudbase-Init: DHCP lease ${src.ipAddress}/24 on Ethernet (${src.macAddress ?? "-"})`, `Cloudbase-Init: metadata service http://169.254.169.254/openstack/latest found`);
    lines.push(`${src.name} ready for remote desktop.`);
  } else {
    const kernel = src.architecture === "aarch64" ? "5.10.0-182.0.0.95.oe2203sp3.aarch64" : `4.18.0-${348 + (h % 200)}.el8.x86_64`;
    at(0, `Linux version ${kernel} (mockbuild@build) #1 SMP`);
    at(0.000001, `Command line: BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro console=ttyS0,115200n8`);
    at(0.012, `Hypervisor detected: KVM`);
    at(0.35, `virtio_blk virtio1: [vda] ${20 + (h % 40)}GB disk`);
    at(0.41, `virtio_net virtio0 eth0: renamed from ens3`);
    at(1.2, `systemd[1]: Detected virtualization kvm.`);
    at(2.1, `cloud-init[${600 + (h % 300)}]: Cloud-init v. 22.1 running 'init-local'`);
    if (src.ipAddress) {
      at(0.6, `cloud-init[${700 + (h % 300)}]: ci-info: | eth0 | True | ${src.ipAddress} | 255.255.255.0 | global | ${src.macAddress ?? "-"} |`);
      at(0.2, `cloud-init[${700 + (h % 300)}]: ci-info: | 0 | 0.0.0.0 | 192.168.0.1 | 0.0.0.0 | eth0 | UG |`);
    }
    at(0.4, `cloud-init[${800 + (h % 300)}]: Reading metadata from http://169.254.169.254/openstack/latest/meta_data.json`);
    at(0.3, `cloud-init[${800 + (h % 300)}]: Set hostname to ${src.name}`);
    // What cloud-init reports for the login the purchase chose (the password itself is never shown).
    if (src.keyFingerprint) at(0.1, `cloud-init[${800 + (h % 300)}]: ci-info: Authorized keys from /root/.ssh/authorized_keys for user root: MD5 ${src.keyFingerprint} (${src.keyName ?? "-"})`);
    else if (src.loginMethod === "password") at(0.1, `cloud-init[${800 + (h % 300)}]: Set the password for user root (chpasswd)`);
    at(1.1, `cloud-init[${900 + (h % 300)}]: Cloud-init v. 22.1 finished. Datasource DataSourceOpenStackLocal.`);
    lines.push("", `${src.osVersion} (${src.architecture})`, `Kernel ${kernel} on an ${src.architecture}`, "", `${src.name} login:`);
  }
  if (src.powerState === "shutdown" || src.vmState === "stopped") lines.push("", `${fmt(t + 3600)} reboot: Power down`);
  return lines.slice(-maxLines).join("\n") + "\n";
}
