import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { z } from 'zod';
import { fromZod, inLocale } from '../../../core/errors.ts';
import { ApiError } from '../api/client.ts';
import { currentLocale } from '../i18n/locale.tsx';

/**
 * Field errors for a form: checked first with the same zod schema the server uses, then filled from
 * the server's answer (`details.fields`). Typed input is never cleared on an error.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const check = <S extends z.ZodType>(schema: S, values: unknown): z.output<S> | null => {
    const result = schema.safeParse(values);
    if (result.success) {
      setErrors({});
      setFormError(null);
      return result.data;
    }
    const next: Record<string, string> = {};
    // The schema's messages are the server's, in the page's language.
    for (const issue of result.error.issues)
      next[issue.path.join('.')] ??= inLocale(fromZod(issue.message), currentLocale());
    setErrors(next);
    return null;
  };

  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.fields.length > 0) {
      setErrors(Object.fromEntries(error.fields.map((field) => [field.path, field.message])));
      setFormError(null);
    } else {
      setFormError(error instanceof Error ? error.message : String(error));
    }
  };

  const reset = () => {
    setErrors({});
    setFormError(null);
  };
  return { errors, formError, check, fail, reset };
}

export function notifySaved(message: string): void {
  notifications.show({ color: 'green', message });
}
