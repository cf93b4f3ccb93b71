// Driver adapters for the Prisma 6.19.3 CLI (JS schema engine), with workarounds for bugs
// that otherwise break `migrate dev` / `migrate diff --from-migrations` / `db push` offline.
// Used ONLY by prisma.config.ts (the app runtime uses the stock adapters in lib/server/db.ts).
import { randomUUID } from "node:crypto";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

// (1) SQLite: the schema engine replays migrations into the shadow DB with executeRaw(), which
// better-sqlite3 rejects for multi-statement SQL (P3006 "failed to apply cleanly to the shadow
// database"). Route such scripts to executeScript() (= db.exec()).
export class SqliteCliAdapter extends PrismaBetterSQLite3 {
  override async connectToShadowDb() {
    const a = await super.connectToShadowDb();
    const raw = a.executeRaw.bind(a);
    a.executeRaw = async (q) =>
      q.args.length === 0 && /;\s*\S/.test(q.sql) ? (await a.executeScript(q.sql), 0) : raw(q);
    return a;
  }
}

type PgConf = { host: string; port: number; database: string; user: string; password: string; allowExitOnIdle: boolean };
export function pgConfig(url: string): PgConf {
  const u = new URL(url);
  return {
    host: u.hostname, port: Number(u.port || 5432), database: u.pathname.slice(1),
    user: decodeURIComponent(u.username), password: decodeURIComponent(u.password),
    allowExitOnIdle: true, // pg-pool idle timer (10 s) must not keep the CLI process alive
  };
}

export class PgCliAdapter extends PrismaPg {
  constructor(private readonly conf: PgConf) { super(conf); }

  // (2) prisma/orm#27403: introspection reads pg_catalog columns of type name/"char"
  // (OID 19/18) that adapter-pg cannot map -> "Column type 'name' could not be deserialized".
  override async connect() {
    const a = await super.connect();
    const proto = Object.getPrototypeOf(Object.getPrototypeOf(a)); // PgQueryable.prototype
    if (!proto.__catalogTypesAsText) {
      const io = proto.performIO;
      proto.performIO = async function (q: unknown) {
        const r = await io.call(this, q);
        for (const f of r?.fields ?? []) if (f.dataTypeID === 18 || f.dataTypeID === 19) f.dataTypeID = 25;
        return r;
      };
      proto.__catalogTypesAsText = true;
    }
    return a;
  }

  // (3) Stock connectToShadowDb() lets a connectionString override the shadow DB name, and
  // drops the shadow DB before closing its pool ("being accessed by other users").
  override async connectToShadowDb() {
    const admin = await this.connect();
    const db = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await admin.executeScript(`CREATE DATABASE "${db}"`);
    const shadow = await new PgCliAdapter({ ...this.conf, database: db }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${db}"`);
      await admin.dispose();
    };
    return shadow;
  }
}
