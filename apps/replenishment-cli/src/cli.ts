#!/usr/bin/env tsx
import { parseArgs } from 'node:util';
import { SalesApiError, SalesClient } from '@cd4ml/sales-client';
import { planOrders, type OrderPlan, type PlanOptions } from './plan-orders.ts';
import { readStock, StockFileError } from './stock-file.ts';

const HELP = `replenish: turn sales forecasts into order quantities

Usage: npx tsx apps/replenishment-cli/src/cli.ts --stock <file.csv> --date <YYYY-MM-DD> [options]

For each item of the stock file it asks the sales-web API for a forecast of every day of the lead
time (one batch call per 1,000 rows), then orders:
  demand over the lead time + safety stock - stock on hand, rounded up to whole case packs,
where safety stock is --safety-days days of the average forecast daily demand.

Options:
  --stock <file>        CSV with the header item_nbr,on_hand,case_pack (required)
  --date <YYYY-MM-DD>   the day the order is placed; demand counts from the next day (required)
  --lead-time <days>    days until the order arrives (default 3)
  --safety-days <days>  safety stock in days of average demand (default 1)
  --store <store_nbr>   the store, when the model covers more than one
  --api <url>           the sales-web API (default $SALES_API_URL or http://localhost:3000)
  --json                print the plan as JSON instead of a table
  -h, --help            show this help
`;

/** A bad command line, reported with the help hint. */
class UsageError extends Error {}

/** Parsed command-line options. */
interface CliOptions extends PlanOptions {
  stock: string;
  api: string;
  json: boolean;
}

/** YYYY-MM-DD naming a real day: Date.parse would roll 2017-02-30 over to March 2nd. */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const back = new Date(Date.UTC(y, m - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

function parse(argv: string[]): CliOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      stock: { type: 'string' }, date: { type: 'string' }, 'lead-time': { type: 'string', default: '3' }, 'safety-days': { type: 'string', default: '1' },
      store: { type: 'string' }, api: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  if (!values.stock) throw new UsageError('--stock is required');
  if (!values.date || !isCalendarDate(values.date)) throw new UsageError(`--date must be a date as YYYY-MM-DD, not "${values.date ?? ''}"`);
  const whole = (name: string, v: string, min: number) => {
    if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} must be a whole number of at least ${min}, not "${v}"`);
    return Number(v);
  };
  return {
    stock: values.stock,
    orderDate: values.date,
    leadTimeDays: whole('lead-time', values['lead-time'], 1),
    safetyDays: whole('safety-days', values['safety-days'], 0),
    ...(values.store === undefined ? {} : { store_nbr: whole('store', values.store, 1) }),
    api: values.api ?? process.env['SALES_API_URL'] ?? 'http://localhost:3000',
    json: values.json,
  };
}

function table(plan: OrderPlan): string {
  const head = ['item_nbr', 'demand', 'safety', 'on_hand', 'case_pack', 'cases', 'order_units'];
  const rows = plan.lines.map((l) => [l.item_nbr, l.leadTimeDemand, l.safetyStock, l.onHand, l.casePack, l.cases, l.orderUnits].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [line(head), ...rows.map(line), `model ${plan.modelVersion}`].join('\n');
}

// The one place that decides how the CLI exits.
try {
  const options = parse(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(HELP);
  } else {
    const plan = await planOrders(new SalesClient(options.api), await readStock(options.stock), options);
    console.log(options.json ? JSON.stringify(plan, null, 2) : table(plan));
  }
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(`replenish: ${(error as Error).message}\nRun with --help for usage.`);
  else if (error instanceof StockFileError) console.error(`replenish: ${error.message}`);
  else if (error instanceof SalesApiError) console.error(`replenish: the forecast API refused: ${error.message} (${error.code}, HTTP ${error.status})`);
  else if (error instanceof TypeError && /fetch failed/.test(error.message)) console.error('replenish: cannot reach the forecast API: start it with `npx nx serve sales-web` or set --api');
  else console.error(`replenish: ${(error as Error).message}`);
  process.exitCode = 1;
}
