import { createServer } from 'node:http';
import { integer, runMain } from '@cd4ml/cli';
import { Command } from '@commander-js/extra-typings';
import { monitorMetrics } from './monitor-metrics.ts';

// A small Prometheus exporter of the monitor's findings: the `monitor` stage writes its report,
// this serves it as gauges at /metrics. It holds no state of its own, so it never needs a restart.
const program = new Command('monitor-exporter')
  .description("Serve the latest monitor report's drift and live-accuracy figures as Prometheus gauges on /metrics.")
  .requiredOption('--report <file>', "the monitor stage's monitor-report.json (read at every scrape)")
  .option('--port <n>', 'listening port; 0 picks a free one', integer({ min: 0, max: 65535 }), 9464)
  .option('--host <address>', 'listening address', '127.0.0.1')
  .addHelpText('after', '\nExample:\n  npx tsx libs/cd4ml/monitoring/src/exporter/cli.ts --report dist/monitoring/production/monitor-report.json --port 9464');

await runMain(async () => {
  const o = program.parse().opts();
  const metrics = monitorMetrics(o.report);
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('see /metrics\n');
      return;
    }
    metrics.scrape().then(
      (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  console.log(`monitor-exporter listening on http://${o.host}:${port}/metrics, serving ${o.report}`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close());
});
