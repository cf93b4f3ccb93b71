import "server-only";
import { NextResponse } from "next/server";
import { toActionError } from "./actions/result";

const STATUS: Record<string, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  CONFLICT: 409,
  NO_VALID_HOST: 409,
  QUOTA_EXCEEDED: 409,
  NO_RESOURCE_SET: 409,
  AZ_NOT_ALLOWED: 409,
  TREE_RULE: 409,
  INTERNAL: 500,
};

/** Route handlers answer errors as JSON with the code, a translated message and an HTTP status. */
export async function errorResponse(err: unknown): Promise<NextResponse> {
  const e = await toActionError(err);
  return NextResponse.json({ error: { code: e.code, message: e.message, fields: e.fields } }, { status: STATUS[e.code] ?? 500 });
}
