import { networkRequest } from "@/lib/server/openstack/network-api";
import { serviceHandlers } from "@/lib/server/openstack/router";

// Neutron v2.0 at /openstack/network (in the catalog as "network"). Every route and
// its handler are in lib/server/openstack/network-api.ts; each authorizes itself there (a valid
// project-scoped X-Auth-Token, the token's project's resources, the administrator rules Neutron's default policies state).

export const { GET, HEAD, POST, PUT, DELETE } = serviceHandlers(networkRequest);
