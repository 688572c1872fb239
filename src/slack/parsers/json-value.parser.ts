import { z } from 'zod';

/**
 * A button value or private_metadata that we wrote as JSON: at most `maxLength` characters, valid
 * JSON, then `schema`. Anything else (forged, truncated, another app's) fails to parse.
 */
export function jsonValue<T extends z.ZodType>(schema: T, maxLength: number) {
  return z
    .string()
    .max(maxLength)
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}
