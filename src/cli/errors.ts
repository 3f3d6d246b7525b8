/** Errors the CLI turns into exit codes without a stack trace. */

/** Bad input: a missing file, an invalid scenario, a bad option value. Exit code 2. */
export class UserError extends Error {
  readonly exitCode = 2;
}

/** A check or a solve failed. Exit code 1. */
export class FailureError extends Error {
  readonly exitCode = 1;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
