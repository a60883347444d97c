import { monitorCli } from '@cd4ml/monitoring';
import { featureSpecSchema } from '@cd4ml/sales-features';
import { readMonitorSettings } from './monitor-settings.ts';
import { salesMonitorDomain } from './sales-monitor.ts';

await monitorCli({
  model: 'sales-forecast',
  spec: featureSpecSchema,
  domain: salesMonitorDomain,
  readSettings: readMonitorSettings,
  examples: [
    'Run it through Nx, on what production serves: npx nx run sales-web:monitor',
    'On a model served by `npx nx serve sales-web` (prediction log on stdout, saved to a file):',
    '  npx tsx libs/sales/model/src/monitor/cli.ts --model dist/models/sales-forecast-gated \\',
    '    --predictions predictions.jsonl --actuals data/monitoring/actuals.jsonl --params libs/sales/model/monitoring.yaml --out dist/monitoring/local',
    'Actuals dropped as a CSV (date,store_nbr,item_nbr,unit_sales): --actuals-csv actuals.csv',
  ].join('\n'),
});
