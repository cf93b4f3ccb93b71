import { computeRequest } from "@/lib/server/openstack/compute-api";

// Nova v2.1 at /openstack/compute (in the catalog as "compute"). Every route and its handler are in
// lib/server/openstack/compute-api.ts; each authorizes itself there (a valid project-scoped
// X-Auth-Token, the token's project, the administrator rules Nova's default policies state).

type Params = { params: Promise<{ path?: string[] }> };
const handle = async (req: Request, { params }: Params) => computeRequest(req, (await params).path ?? []);

export const GET = handle;
export const HEAD = handle;
export const POST = handle;
export const PUT = handle;
export const DELETE = handle;
