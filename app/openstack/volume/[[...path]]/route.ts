import { volumeRequest } from "@/lib/server/openstack/volume-api";
import { serviceHandlers } from "@/lib/server/openstack/router";

// Cinder v3 at /openstack/volume (in the catalog as "block-storage" and "volumev3"). Every route and
// its handler are in lib/server/openstack/volume-api.ts; each authorizes itself there (a valid
// project-scoped X-Auth-Token on its own project's URL, the administrator rules Cinder's default policies state).

export const { GET, HEAD, POST, PUT, DELETE } = serviceHandlers(volumeRequest);
