import { identityRequest } from "@/lib/server/openstack/identity-api";

// Keystone v3 at /openstack/identity (OS_AUTH_URL=<console>/openstack/identity/v3). Every route,
// its access rule and its handler are in lib/server/openstack/identity-api.ts; each authorizes
// itself there (a valid X-Auth-Token, then the console's own scope and permissions).

type Params = { params: Promise<{ path?: string[] }> };
const handle = async (req: Request, { params }: Params) => identityRequest(req, (await params).path ?? []);

export const GET = handle;
export const HEAD = handle;
export const POST = handle;
export const DELETE = handle;
