import type { ApiErrorShape } from '../../shared/api';

/**
 * A failure the services report to the user. `kind` is the API error kind, so the IPC layer can
 * pass it on without guessing; the message is written for a server admin, never for a developer.
 */
export abstract class ServiceError extends Error {
  abstract readonly kind: ApiErrorShape['kind'];

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request or a stored record breaks a rule (a missing name, a port out of range, an unknown field). */
export class ValidationError extends ServiceError {
  readonly kind = 'validation';
}

/** A profile or a session id that does not exist (any more). */
export class NotFoundError extends ServiceError {
  readonly kind = 'not-found';
}

/** A file in the user-data folder could not be read or written. */
export class StorageError extends ServiceError {
  readonly kind = 'internal';
}

/** A session cannot do what was asked in its current state, e.g. a command while it reconnects. */
export class SessionStateError extends ServiceError {
  readonly kind = 'connection';
}

/** Connecting needs a password and there is none: none saved and none given. */
export class PasswordRequiredError extends ServiceError {
  readonly kind = 'auth';
}

/**
 * A saved password would go to a server other than the one it was saved for: the profile's
 * address changed (or a copy was retargeted) without the password being entered again.
 */
export class CredentialBindingError extends ServiceError {
  readonly kind = 'auth';
}

/** A profile's address changes while it keeps a saved password: the password must be entered again. */
export class PasswordReentryRequiredError extends ServiceError {
  readonly kind = 'validation';
}
/** The only password at hand is one the server refused: sending it again would only count towards a ban. */
export class PasswordRefusedError extends ServiceError {
  readonly kind = 'auth';
}
