/**
 * Errors a service raises on purpose. The tRPC error formatter maps `code` to a tRPC code and shows
 * `message` to the user as is, so it must be a sentence fit for them; details go to the logs.
 */
export type DomainErrorCode = "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "TOO_MANY_REQUESTS";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.name = "DomainError";
    this.code = code;
  }
}
