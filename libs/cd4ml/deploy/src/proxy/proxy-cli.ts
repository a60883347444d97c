import { readFileSync } from 'node:fs';
import { integer, runMain } from '@cd4ml/cli';
import { parseWith } from '@cd4ml/fs';
import { Command } from '@commander-js/extra-typings';
import { createProxy } from './proxy-server.ts';
import { routeSchema, type Route } from './route.ts';

// The proxy process of a blue/green environment, started (detached) by the deploy CLI: it holds
// the environment's stable port on the loopback interface and reads its route from --route, again
// on SIGHUP. The deploy CLI writes the route atomically, then signals.
const program = new Command('cd4ml-proxy')
  .description("The blue/green proxy of an environment: forwards to the route's live release; reloads the route on SIGHUP.")
  .requiredOption('--port <n>', 'the stable port', integer({ min: 1, max: 65535 }))
  .requiredOption('--route <file>', 'route.json: live, fallback and shadow upstreams')
  .option('--shadow-log <file>', 'JSON lines: each request answered by the live and the shadow release');

await runMain(async () => {
  const o = program.parse().opts();
  const read = (): Route => parseWith(routeSchema, JSON.parse(readFileSync(o.route, 'utf8')), o.route, 'proxy route');
  const proxy = createProxy({ route: read(), ...(o.shadowLog ? { shadowLog: o.shadowLog } : {}), log: (line) => console.log(`${new Date().toISOString()} ${line}`) });
  process.on('SIGHUP', () => {
    try {
      const route = read();
      proxy.setRoute(route);
      console.log(`${new Date().toISOString()} proxy: live ${route.live.release} on ${route.live.port}${route.fallback ? `, fallback ${route.fallback.release}` : ''}${route.shadow ? `, shadow ${route.shadow.release}` : ''}`);
    } catch (error) {
      // A bad route file keeps the route that works.
      console.log(`${new Date().toISOString()} proxy: route not reloaded, keeping live ${proxy.route().live.release}: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    proxy.server.once('error', reject);
    proxy.server.listen(o.port, '127.0.0.1', () => resolve());
  });
  console.log(`${new Date().toISOString()} proxy listening on http://127.0.0.1:${o.port}, live ${proxy.route().live.release} on ${proxy.route().live.port}`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      proxy.server.close(() => process.exit(0));
      proxy.server.closeIdleConnections();
      setTimeout(() => process.exit(0), 5000).unref();
    });
  }
});
