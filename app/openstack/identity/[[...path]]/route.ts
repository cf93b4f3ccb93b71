import { identityRequest } from "@/lib/server/openstack/identity-api";
import { serviceHandlers } from "@/lib/server/openstack/router";

// Keystone v3 at /openstack/identity (OS_AUTH_URL=<console>/openstack/identity/v3). Every route,
// its access rule and its handler are in lib/server/openstack/identity-api.ts; each authorizes
// itself there (a valid X-Auth-Token, then the console's own scope and permissions).

export const { GET, HEAD, POST, PUT, DELETE } = serviceHandlers(identityRequest);
