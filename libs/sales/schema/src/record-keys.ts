/**
 * How a sales forecast and its actual are the same record: one day, store and item. The monitor
 * joins by it, windows are cut by the day, and the feedback loop keeps one outcome per key.
 * (The shape of `RecordKeys` of @cd4ml/monitoring.)
 */
export const salesRecordKeys = { keyFields: ['date', 'store_nbr', 'item_nbr'], dayField: 'date', outputField: 'unit_sales' } as const;
