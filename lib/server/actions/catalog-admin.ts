"use server";
import { z } from "zod";
import { createProcessInput, overrideInput, productInput, saveProcessInput, updateProductInput } from "@/lib/schemas/catalog-admin";
import { createProcess, deleteProcess, publishProcess, saveProcess } from "../services/approval-processes";
import { createProduct, setProcessOverride, setProductPublished, updateProduct } from "../services/products";
import { defineAction } from "./define";

// The operation admin's catalog and the approval processes (VDC admins: their subtree's). Each
// action names its permission, checked by defineAction before the input is read; each service
// authorizes again with the caller's VDC scope (a VDC admin's process outside their subtree is
// not-found).

const PRODUCT_PAGES = ["/sc/products", "/sc/catalog"];
const PROCESS_PAGES = ["/sc/processes", "/sc/products"];
const byId = z.object({ id: z.string().min(1).max(64) });

export const createProductAction = defineAction("catalog:manage", productInput, (actor, input) => createProduct(actor, input), PRODUCT_PAGES);
export const updateProductAction = defineAction("catalog:manage", updateProductInput, (actor, { id, product }) => updateProduct(actor, id, product), PRODUCT_PAGES);
export const setProductPublishedAction = defineAction("catalog:manage", byId.extend({ published: z.boolean() }), (actor, { id, published }) => setProductPublished(actor, id, published), PRODUCT_PAGES);
export const setProcessOverrideAction = defineAction("process:manage", overrideInput, (actor, input) => setProcessOverride(actor, input), PRODUCT_PAGES);

export const createProcessAction = defineAction("process:manage", createProcessInput, (actor, input) => createProcess(actor, input), PROCESS_PAGES);
export const saveProcessAction = defineAction("process:manage", saveProcessInput, (actor, input) => saveProcess(actor, input), PROCESS_PAGES);
export const publishProcessAction = defineAction("process:manage", byId, (actor, { id }) => publishProcess(actor, id), PROCESS_PAGES);
export const deleteProcessAction = defineAction("process:manage", byId, (actor, { id }) => deleteProcess(actor, id), PROCESS_PAGES);
