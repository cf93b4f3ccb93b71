import Database from "better-sqlite3";
import pg from "pg";

// A summary of the e2e database's state that a refused request must leave as it was: the row
// counts of what people create and change, every quota limit and usage, every host's switches and
// the cloud settings. (The audit log, sessions and sign-in counters are meant to change.)

const TABLES = ["Vdc", "Project", "User", "RoleAssignment", "Quota", "ResourceSet", "Host", "HostGroup", "HostGroupMember", "Flavor", "FlavorAccess", "Image", "Instance", "Migration", "ServerGroup", "ServerGroupMember", "ApprovalProcess", "ProcessVersion", "Product", "ProductProcessOverride", "Order", "Vpc", "Subnet", "Port", "IpAllocation", "SecurityGroup", "SecurityGroupRule", "Eip", "Alarm", "AlarmComment"];
const QUERIES = [
  ...TABLES.map((t) => `SELECT '${t}' AS k, COUNT(*) AS v FROM "${t}"`),
  `SELECT 'quota' AS k, SUM("hardLimit" * 7 + "used") AS v FROM "Quota"`,
  `SELECT 'hosts' AS k, SUM(CASE WHEN "enabled" THEN 1 ELSE 0 END) AS v FROM "Host"`,
  `SELECT 'locked' AS k, SUM(CASE WHEN "locked" THEN 1 ELSE 0 END) AS v FROM "Instance"`,
  `SELECT 'disks' AS k, SUM(CASE WHEN "health" = 'normal' THEN 1 ELSE 0 END) AS v FROM "ArrayDisk"`,
  `SELECT 'alarms' AS k, SUM(CASE WHEN "openKey" IS NULL THEN 1 ELSE 3 END) AS v FROM "Alarm"`,
];

export async function dbFingerprint(): Promise<string> {
  const url = process.env.E2E_DATABASE_URL ?? "file:./prisma/e2e.db";
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return QUERIES.map((q) => JSON.stringify(db.prepare(q).get())).join("\n");
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: string[] = [];
    for (const q of QUERIES) out.push(JSON.stringify((await client.query(q)).rows[0]));
    return out.join("\n");
  } finally {
    await client.end();
  }
}
