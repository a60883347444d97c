import { z } from 'zod';

/**
 * The denormalized, cleaned sales table that ingest writes and training reads: the data contract
 * between the pipeline and the model. Bump `salesTableVersion` whenever a column is added, removed,
 * renamed or changes type; a contract test fails when the shape changes without a bump.
 */
export const salesTableVersion = 1;

export const salesRowSchema = z.object({
  date: z.iso.date(),
  store_nbr: z.number().int().positive(),
  item_nbr: z.number().int().positive(),
  /** Units sold after the returns policy: never negative. Fractional for goods sold by weight. */
  unit_sales: z.number().nonnegative(),
  onpromotion: z.boolean(),
  family: z.string().min(1),
  class: z.number().int(),
  perishable: z.boolean(),
  city: z.string().min(1),
  state: z.string().min(1),
  store_type: z.string().min(1),
  cluster: z.number().int(),
  /** The store's ticket count that day; known only after the fact, so never a feature. */
  transactions: z.number().int().nonnegative().nullable(),
  holiday: z.boolean(),
  dayoff: z.boolean(),
});

export type SalesRow = z.infer<typeof salesRowSchema>;

/** Column order of the table on disk. */
export const salesTableColumns = Object.keys(salesRowSchema.shape) as (keyof SalesRow)[];
