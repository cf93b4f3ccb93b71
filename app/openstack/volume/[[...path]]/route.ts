import { volumeRequest } from "@/lib/server/openstack/volume-api";

// Cinder v3 at /openstack/volume (in the catalog as "block-storage" and "volumev3"). Every route and
// its handler are in lib/server/openstack/volume-api.ts; each authorizes itself there (a valid
// project-scoped X-Auth-Token on its own project's URL, the administrator rules Cinder's default policies state).

type Params = { params: Promise<{ path?: string[] }> };
const handle = async (req: Request, { params }: Params) => volumeRequest(req, (await params).path ?? []);

export const GET = handle;
export const HEAD = handle;
export const POST = handle;
export const PUT = handle;
export const DELETE = handle;
