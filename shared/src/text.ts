import * as z from 'zod';
import { normaliseKana } from './input-normalisation.ts';

/** Free text a user types: trimmed, no control characters except newlines and tabs. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${max}文字以内で入力してください` })
    // eslint-disable-next-line no-control-regex
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value), {
      error: '使用できない文字が含まれています',
    });

export const requiredText = (max: number) => text(max).pipe(z.string().min(1, { error: '入力してください' }));

/** Full-width katakana (and the long vowel mark, middle dot and spaces) for フリガナ fields. */
export const KANA_PATTERN = /^[\u30A1-\u30FA\u30FC\u30FB\u3000 ]+$/;
/** Stored in katakana; typed also in hiragana or half-width katakana (normaliseKana, ADR 0032). */
export const Kana = z
  .string({ error: 'フリガナを入力してください' })
  .transform(normaliseKana)
  .pipe(
    z
      .string()
      .min(1, { error: '入力してください' })
      .max(100, { error: '100文字以内で入力してください' })
      .regex(KANA_PATTERN, {
        error: 'フリガナはカタカナかひらがなで入力してください（漢字・英字・記号は使えません）',
      }),
  )
  .meta({ description: 'Katakana; hiragana and half-width katakana are accepted and stored as katakana' });
