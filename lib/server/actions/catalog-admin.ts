"use server";
import { z } from "zod";
import { createProcessInput, overrideInput, productInput, saveProcessInput, updateProductInput } from "@/lib/schemas/catalog-admin";
import { createProcess, deleteProcess, publishProcess, saveProcess } from "../services/approval-processes";
import { createProduct, setProcessOverride, setProductPublished, updateProduct } from "../services/products";
import { defineAction } from "./define";

// The operation admin's catalog and the approval processes (VDC admins: their subtree's). Each
// service checks catalog:manage or process:manage and the caller's VDC scope itself.

const PRODUCT_PAGES = ["/sc/products", "/sc/catalog"];
const PROCESS_PAGES = ["/sc/processes", "/sc/products"];
const byId = z.object({ id: z.string().min(1).max(64) });

export const createProductAction = defineAction(productInput, (actor, input) => createProduct(actor, input), PRODUCT_PAGES);
export const updateProductAction = defineAction(updateProductInput, (actor, { id, product }) => updateProduct(actor, id, product), PRODUCT_PAGES);
export const setProductPublishedAction = defineAction(byId.extend({ published: z.boolean() }), (actor, { id, published }) => setProductPublished(actor, id, published), PRODUCT_PAGES);
export const setProcessOverrideAction = defineAction(overrideInput, (actor, input) => setProcessOverride(actor, input), PRODUCT_PAGES);

export const createProcessAction = defineAction(createProcessInput, (actor, input) => createProcess(actor, input), PROCESS_PAGES);
export const saveProcessAction = defineAction(saveProcessInput, (actor, input) => saveProcess(actor, input), PROCESS_PAGES);
export const publishProcessAction = defineAction(byId, (actor, { id }) => publishProcess(actor, id), PROCESS_PAGES);
export const deleteProcessAction = defineAction(byId, (actor, { id }) => deleteProcess(actor, id), PROCESS_PAGES);
