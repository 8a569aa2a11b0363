import { ApiError, errorMessage } from './call';

/** Messages to show next to form fields, by field key; `form` holds what belongs to no field. */
export type FieldErrors<K extends string> = Partial<Record<K | 'form', string>>;

/**
 * Rewrites the core's wire names in a message into the words the form uses:
 * "end_time must be after start_time" → "End must be after start".
 */
export function humanize(message: string, labels: Record<string, string>): string {
  // "end_time 2027-01-01T10:00:00.000Z is in the future": the field already shows the time, in local words.
  let text = message.replace(/ \d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})/g, '');
  for (const [wire, label] of Object.entries(labels)) {
    text = text.replace(new RegExp(`\\b${wire}\\b`, 'g'), label.toLowerCase());
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Turns a failed call into field errors: each typed issue goes to the field its wire path names
 * (first segment), anything else — a conflict, an unknown path — to `form`.
 */
export function fieldErrorsFrom<K extends string>(
  err: unknown,
  fieldOf: Record<string, K>,
  labels: Record<string, string> = {},
): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  if (err instanceof ApiError && err.issues?.length) {
    const rest: string[] = [];
    for (const issue of err.issues) {
      const field = fieldOf[issue.path.split('.')[0] ?? ''];
      const message = humanize(issue.message, labels);
      if (field && !errors[field]) errors[field] = message;
      else if (!field) rest.push(message);
    }
    if (rest.length) errors.form = rest.join('; ');
    return errors;
  }
  errors.form = humanize(errorMessage(err), labels);
  return errors;
}

export const hasErrors = (errors: FieldErrors<string>): boolean => Object.values(errors).some(Boolean);
