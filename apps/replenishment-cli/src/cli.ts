#!/usr/bin/env tsx
import { CliError, integer, isoDate, runMain } from '@cd4ml/cli';
import { Command, Option } from '@commander-js/extra-typings';
import { SalesApiError, SalesClient } from '@cd4ml/sales-client';
import { planOrders, type OrderPlan } from './plan-orders.ts';
import { readStock } from './stock-file.ts';

const program = new Command('replenish')
  .description('Turn sales forecasts into order quantities.')
  .requiredOption('--stock <file>', 'CSV with the header item_nbr,on_hand,case_pack')
  .requiredOption('--date <YYYY-MM-DD>', 'the day the order is placed; demand counts from the next day', isoDate)
  .option('--lead-time <days>', 'days until the order arrives', integer({ min: 1 }), 3)
  .option('--safety-days <days>', 'safety stock in days of average demand', integer({ min: 0 }), 1)
  .option('--store <store_nbr>', 'the store, when the model covers more than one', integer({ min: 1 }))
  .addOption(new Option('--api <url>', 'the sales-web API').env('SALES_API_URL').default('http://localhost:3000'))
  .option('--json', 'print the plan as JSON instead of a table')
  .showHelpAfterError('(run with --help for usage)')
  .addHelpText(
    'after',
    `
For each item of the stock file it asks the sales-web API for a forecast of every day of the lead
time (one batch call per 1,000 rows), then orders:
  demand over the lead time + safety stock - stock on hand, rounded up to whole case packs,
where safety stock is --safety-days days of the average forecast daily demand.
Each item may appear on one line of the stock file only.

Example:
  npx tsx apps/replenishment-cli/src/cli.ts --stock stock.csv --date 2017-08-15 --lead-time 3`,
  );

function table(plan: OrderPlan): string {
  const head = ['item_nbr', 'demand', 'safety', 'on_hand', 'case_pack', 'cases', 'order_units'];
  const rows = plan.lines.map((l) => [l.item_nbr, l.leadTimeDemand, l.safetyStock, l.onHand, l.casePack, l.cases, l.orderUnits].map(String));
  const widths = head.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i]!.length), h.length));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [line(head), ...rows.map(line), `model ${plan.modelVersion}`].join('\n');
}

await runMain(async () => {
  const o = program.parse().opts();
  const stock = await readStock(o.stock);
  let plan: OrderPlan;
  try {
    plan = await planOrders(new SalesClient(o.api), stock, { orderDate: o.date, leadTimeDays: o.leadTime, safetyDays: o.safetyDays, ...(o.store === undefined ? {} : { store_nbr: o.store }) });
  } catch (error) {
    if (error instanceof SalesApiError) throw new CliError('API_REFUSED', `the forecast API refused: ${error.message} (${error.code}, HTTP ${error.status})`);
    if (error instanceof TypeError && /fetch failed/.test(error.message)) throw new CliError('API_UNREACHABLE', `cannot reach the forecast API at ${o.api}: start it with \`npx nx serve sales-web\` or pass --api`);
    throw error;
  }
  console.log(o.json ? JSON.stringify(plan, null, 2) : table(plan));
});
