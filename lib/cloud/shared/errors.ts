// Coded domain errors. The core and the services throw them; the edge (actions, route handlers)
// turns the code and its parameters into a translated message. Never a bare "something failed".
export type DomainErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "INVALID_STATE"
  | "NO_VALID_HOST"
  | "NO_VALID_BACKEND"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "QUOTA_EXCEEDED"
  | "NO_RESOURCE_SET"
  | "AZ_NOT_ALLOWED"
  | "TREE_RULE"
  // the HTTP edge: a body that is not JSON, of another media type or too large; a cross-site call; too many attempts
  | "INVALID_JSON"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PAYLOAD_TOO_LARGE"
  | "CROSS_ORIGIN"
  | "RATE_LIMITED";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export class NotFoundError extends DomainError {
  constructor(readonly entity: string, id: string) {
    super("NOT_FOUND", `${entity} ${id} not found`, { entity, id });
  }
}

export class ForbiddenError extends DomainError {
  /** `reason` names the rule that refused when holding the permission is not enough. */
  constructor(readonly permission: string, reason?: string) {
    super("FORBIDDEN", reason ? `refused: ${reason}` : `permission ${permission} required`, reason ? { permission, reason } : { permission });
  }
}

export class InvalidStateError extends DomainError {
  constructor(action: string, vmState: string, taskState: string | null) {
    super("INVALID_STATE", `cannot ${action} an instance in vm_state ${vmState}, task_state ${taskState ?? "none"}`, {
      action,
      vmState,
      taskState: taskState ?? "none",
    });
  }
}
