import "server-only";

/** An answer of the OpenStack-compatible API with its HTTP status, in the service's error shape. */
export class OpenStackError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
