import { networkRequest } from "@/lib/server/openstack/network-api";

// Neutron v2.0 at /openstack/network (in the catalog as "network"). Every route and
// its handler are in lib/server/openstack/network-api.ts; each authorizes itself there (a valid
// project-scoped X-Auth-Token, the token's project's resources, the administrator rules Neutron's default policies state).

type Params = { params: Promise<{ path?: string[] }> };
const handle = async (req: Request, { params }: Params) => networkRequest(req, (await params).path ?? []);

export const GET = handle;
export const HEAD = handle;
export const POST = handle;
export const PUT = handle;
export const DELETE = handle;
