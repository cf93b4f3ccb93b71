import { imageRequest } from "@/lib/server/openstack/image-api";
import { serviceHandlers } from "@/lib/server/openstack/router";

// Glance v2 at /openstack/image (in the catalog as "image"). Routes and their handlers are in
// lib/server/openstack/image-api.ts; each authorizes itself there (a valid X-Auth-Token, and the
// images the token's project may see).

export const { GET, HEAD, POST, PUT, DELETE } = serviceHandlers(imageRequest);
