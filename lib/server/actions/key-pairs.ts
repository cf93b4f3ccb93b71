"use server";
import { z } from "zod";
import { keyPairInput } from "@/lib/schemas/key-pairs";
import { createKeyPair, deleteKeyPair } from "../services/key-pairs";
import { defineAction } from "./define";

// Authorization: the permission to create ECSs (key pairs exist to log in to them), checked by
// defineAction before the input is read; the services touch only the caller's own key pairs.
const PAGES = ["/sc/key-pairs", "/sc/ecs/create"];

/** Import a public key, or generate a pair (its private key is in the answer, once). */
export const createKeyPairAction = defineAction("ecs:create", keyPairInput, (actor, input) => createKeyPair(actor, input), PAGES);

/** Delete one of the caller's key pairs (the service answers not-found for anyone else's). */
export const deleteKeyPairAction = defineAction("ecs:create", z.object({ id: z.string().uuid() }), (actor, input) => deleteKeyPair(actor, input.id), PAGES);
