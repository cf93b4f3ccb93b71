import { imageRequest } from "@/lib/server/openstack/image-api";

// Glance v2 at /openstack/image (in the catalog as "image"). Routes and their handlers are in
// lib/server/openstack/image-api.ts; each authorizes itself there (a valid X-Auth-Token, and the
// images the token's project may see).

type Params = { params: Promise<{ path?: string[] }> };
const handle = async (req: Request, { params }: Params) => imageRequest(req, (await params).path ?? []);

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const HEAD = handle;
export const DELETE = handle;
