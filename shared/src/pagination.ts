import * as z from 'zod';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

export const PageQuery = z.strictObject({
  limit: z.coerce
    .number({ error: '件数は数値で指定してください' })
    .int()
    .min(1, { error: '件数は1以上で指定してください' })
    .max(MAX_PAGE_SIZE, { error: `件数は${MAX_PAGE_SIZE}以下で指定してください` })
    .default(DEFAULT_PAGE_SIZE),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,1024}$/, { error: 'ページ位置の形式が正しくありません' })
    .optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const page = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    items: z.array(item),
    nextCursor: z.string().nullable(),
  });
