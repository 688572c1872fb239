/**
 * The one error type the app raises on purpose. `code` is stable and maps to an i18n message;
 * the exception message is for logs only and never shown to a user.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly details: Record<string, string | number> = {},
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }
}
