import { readNumber } from '@kikan/shared';
import { inputNameOfPath } from './api.ts';

/** What the portal needs of a zod schema from `@kikan/shared` to check a form before sending it. */
export interface InputSchema<T> {
  safeParse(
    data: unknown,
    params?: { error?: (issue: { code?: string; input?: unknown }) => string },
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };
}

export type FormCheck<T> =
  | { ok: true; input: T }
  | {
      ok: false;
      errors: Record<string, string>;
      /** Issues about the form as a whole (「変更する項目を1つ以上指定してください」); present only when there are some. */
      general?: string[];
    };

/**
 * Japanese wording for the checks the shared schemas leave to zod's defaults (enums and missing
 * values); the schema's own messages take precedence over this map.
 */
const fallbackMessage = (issue: { code?: string; input?: unknown }): string => {
  if (issue.input === undefined || issue.input === '')
    return issue.code === 'invalid_value' || issue.code === 'invalid_union'
      ? '選択してください'
      : '入力してください';
  if (issue.code === 'invalid_value') return '選択肢から選んでください';
  if (issue.code === 'too_small' || issue.code === 'too_big') return '範囲内の値を入力してください';
  return '入力内容を確認してください';
};

/**
 * The same schema the API validates with, run before sending so most mistakes never leave the
 * browser. Errors are keyed by input name (the dotted request path, `needs.2.goal`).
 */
export const checkInput = <T>(schema: InputSchema<T>, body: unknown): FormCheck<T> => {
  const parsed = schema.safeParse(body, { error: fallbackMessage });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of parsed.error.issues) {
    const name = inputNameOfPath(issue.path);
    if (name !== null) errors[name] ??= issue.message;
    else if (!general.includes(issue.message)) general.push(issue.message);
  }
  return general.length > 0 ? { ok: false, errors, general } : { ok: false, errors };
};

/** A text input left empty is not sent. */
export const optionalText = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

/**
 * A number typed in a text input: '' is "not given", full-width digits count (ADR 0032), anything
 * else is left for the schema to judge.
 */
export const numberOrUndefined = (value: string): number | undefined => readNumber(value);

/**
 * The Idempotency-Key of a submission: the same body retried (a timeout, a double click) reuses
 * its key so the server creates one record; a changed body is a new submission with a new key
 * (the server refuses a reused key with a different body).
 */
export class SubmissionKey {
  readonly #newKey: () => string;
  #body: string | null = null;
  #key = '';

  constructor(newKey: () => string = () => crypto.randomUUID()) {
    this.#newKey = newKey;
  }

  keyFor(body: unknown): string {
    const serialised = JSON.stringify(body);
    if (serialised !== this.#body) {
      this.#body = serialised;
      this.#key = this.#newKey();
    }
    return this.#key;
  }
}

/** A label map (`MONITORING_METHOD_LABELS`) as the options of a radio group or select, in the given order. */
export const optionsOf = <T extends string>(
  values: readonly T[],
  labels: Readonly<Record<T, string>>,
): { value: T; label: string }[] => values.map((value) => ({ value, label: labels[value] }));

/** Lines of a textarea as a list: one entry per non-empty line. */
export const linesOf = (value: string): string[] =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
