// The demo cloud's invented names and descriptions in Simplified Chinese. Names an administrator
// types are shown as typed (as any console does); these are the seed's own, which a reader of
// the Chinese console should not meet in English. Keyed by the English text the seed writes.
export const SEED_TEXT_ZH: Readonly<Record<string, string>> = {
  // region and AZs
  "CN South-Guangzhou": "华南-广州",
  "SSD-backed general compute": "SSD 存储的通用计算",
  "HDD-backed compute with the Kunpeng (arm64) pool": "HDD 存储的计算，含鲲鹏（arm64）资源池",
  // products
  "Elastic Cloud Server": "弹性云服务器",
  "General-purpose virtual machines in any AZ of the region.": "区域内任意可用区的通用虚拟机。",
  "ECS (AZ1 only)": "弹性云服务器（仅 AZ1）",
  "Virtual machines provisioned only in az1, for workloads pinned to its storage.": "仅在 az1 发放的虚拟机，适用于绑定其存储的业务。",
  "Large ECS (joint approval)": "大规格云服务器（会签审批）",
  "Large machines: the VDC's admin and approver must both agree.": "大规格虚拟机：需 VDC 管理员与审批员共同同意。",
  "Development ECS": "开发测试云服务器",
  "Elastic Volume Service": "云硬盘",
  "Virtual Private Cloud": "虚拟私有云",
  "An isolated network with its own router and first subnet.": "带有独立路由器和第一个子网的隔离网络。",
  "Elastic IP": "弹性公网IP",
  "Public addresses with a bandwidth, bound to ECSs whose VPC reaches the public network.": "带宽可选的公网地址，可绑定到 VPC 已连接公网的云服务器。",
  "Block storage volumes of a chosen type in any AZ, attached to ECSs of that AZ.": "任意可用区中所选类型的块存储云硬盘，可挂载到同一可用区的云服务器。",
  "Small development machines, provisioned without approval.": "小规格开发机，无需审批直接发放。",
  // approval processes and their levels
  "Standard two-level approval": "标准两级审批",
  "Level 1: the first-level VDC's admin or approver. Level 2: the operation admin.": "第一级：一级 VDC 的管理员或审批员；第二级：运营管理员。",
  "Joint approval": "会签审批",
  "One countersign level: the first-level VDC's admin and its approver must both approve.": "一级会签：一级 VDC 的管理员与审批员均须同意。",
  "Fast track": "快速通道",
  "One level, the first-level VDC's admin; approved automatically after one hour.": "一级审批，由一级 VDC 管理员处理；一小时后自动通过。",
  "VDC approval": "VDC 审批",
  "Operations approval": "运营审批",
  "Joint VDC approval": "VDC 会签审批",
};

/** The seed's text in the reader's language: Chinese where the seed has it, else as written. */
export function seedText(text: string, locale: string): string {
  return locale === "zh-CN" ? (SEED_TEXT_ZH[text] ?? text) : text;
}
