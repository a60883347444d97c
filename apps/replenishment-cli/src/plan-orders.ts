import type { ForecastRequest, SalesClient } from '@cd4ml/sales-client';
import { orderQuantity, type OrderLine } from './order-quantity.ts';
import type { StockLine } from './stock-file.ts';

/** How far ahead to cover, and how much to keep in reserve. */
export interface PlanOptions {
  /** The day the order is placed (YYYY-MM-DD); demand is forecast from the next day on. */
  orderDate: string;
  /** Days until the order arrives: forecast demand is summed over them. @default 3 */
  leadTimeDays: number;
  /** Safety stock, in days of average forecast demand. @default 1 */
  safetyDays: number;
  store_nbr?: number;
}

/** An order plan: one line per stocked item, and the model version that forecast it. */
export interface OrderPlan {
  modelVersion: string;
  lines: (OrderLine & { item_nbr: number })[];
}

const BATCH_ROWS = 1000; // the API's documented batch limit

/**
 * Forecasts every stocked item over the lead time through the batch API and turns it into orders.
 * Each line gets the forecasts of its own rows, by position, so two lines never share demand.
 */
export async function planOrders(client: Pick<SalesClient, 'forecastBatch'>, stock: readonly StockLine[], options: PlanOptions): Promise<OrderPlan> {
  const days = Array.from({ length: options.leadTimeDays }, (_, i) => addDays(options.orderDate, i + 1));
  const rows: ForecastRequest[] = stock.flatMap((line) =>
    days.map((date) => ({ date, item_nbr: line.item_nbr, ...(options.store_nbr === undefined ? {} : { store_nbr: options.store_nbr }), onpromotion: false })),
  );
  // Row r forecasts day r % days of stock line floor(r / days): the API answers in request order.
  const demand = new Float64Array(stock.length);
  let modelVersion = '';
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const answer = await client.forecastBatch(batch);
    if (answer.forecasts.length !== batch.length) throw new Error(`the forecast API answered ${answer.forecasts.length} forecasts for ${batch.length} rows`);
    modelVersion = answer.modelVersion;
    answer.forecasts.forEach((f, i) => {
      const line = Math.floor((start + i) / days.length);
      demand[line] = demand[line]! + f.unit_sales;
    });
  }
  const lines = stock.map((line, k) => {
    const leadTimeDemand = demand[k]!;
    const safetyStock = (leadTimeDemand / Math.max(1, options.leadTimeDays)) * options.safetyDays;
    return { item_nbr: line.item_nbr, ...orderQuantity({ leadTimeDemand: round(leadTimeDemand), safetyStock: round(safetyStock), onHand: line.on_hand, casePack: line.case_pack }) };
  });
  return { modelVersion, lines };
}

function addDays(iso: string, n: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

const round = (x: number) => Math.round(x * 100) / 100;
