import { computeRequest } from "@/lib/server/openstack/compute-api";
import { serviceHandlers } from "@/lib/server/openstack/router";

// Nova v2.1 at /openstack/compute (in the catalog as "compute"). Every route and its handler are in
// lib/server/openstack/compute-api.ts; each authorizes itself there (a valid project-scoped
// X-Auth-Token, the token's project, the administrator rules Nova's default policies state).

export const { GET, HEAD, POST, PUT, DELETE } = serviceHandlers(computeRequest);
