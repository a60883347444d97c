import { ENVIRONMENTS, loadEnvironment } from '../env/environment-config.ts';
import { readHistory, readState } from '../env/environment-state.ts';
import { isOurs } from '../env/instances.ts';
import { listReleases, readRelease } from '../release/release-manifest.ts';
import type { DeployContext } from './context.ts';

const short = (s: string) => s.slice(0, 12);

/** One paragraph per environment: URL, release, model, data and code versions, processes, last moves. */
export async function describeEnvironments(ctx: DeployContext): Promise<string> {
  const out: string[] = [];
  for (const name of ENVIRONMENTS) {
    const env = await loadEnvironment(ctx.environmentsDir, name, ctx.ports);
    const state = await readState(env.dir);
    const live = state?.live;
    if (!live) {
      out.push(`${name}: not running (port ${env.config.port}, ${env.config.strategy})`);
      continue;
    }
    const m = (await readRelease(ctx.releasesDir, live.release)).manifest;
    const alive = isOurs(live.pid, live.dir) ? `pid ${live.pid}` : `pid ${live.pid} GONE`;
    out.push(`${name}: ${state.url} serves release ${live.release} (${live.slot} on port ${live.port}, ${alive})`);
    out.push(`  model ${m.model.version}, raw data ${short(m.data.raw)}, processed data ${short(m.data.processed)}, code ${short(m.code.commit)}${m.code.dirty ? ' (dirty)' : ''}`);
    if (state.proxy) out.push(`  proxy pid ${state.proxy.pid} on port ${state.proxy.port}${isOurs(state.proxy.pid, `${env.dir}/proxy`) ? '' : ' GONE'}`);
    if (state.shadow) out.push(`  shadow: release ${state.shadow.release} on port ${state.shadow.port}`);
    for (const h of (await readHistory(env.dir)).slice(-5)) out.push(`  ${h.at} ${h.action.padEnd(13)} ${h.release} model ${h.model}${h.reason ? `: ${h.reason}` : ''}`);
  }
  return out.join('\n');
}

/** The releases, newest first, with their versions and where each serves now. */
export async function describeReleases(ctx: DeployContext): Promise<string> {
  const serving = new Map<string, string[]>();
  for (const name of ENVIRONMENTS) {
    const live = (await readState((await loadEnvironment(ctx.environmentsDir, name, ctx.ports)).dir))?.live;
    if (live) serving.set(live.release, [...(serving.get(live.release) ?? []), name]);
  }
  const releases = await listReleases(ctx.releasesDir);
  if (releases.length === 0) return `no releases in ${ctx.releasesDir}: make one with npx nx run <app>:package`;
  return releases
    .map(({ manifest: m }) => `${m.id}  ${m.createdAt}  ${m.app.name}  model ${m.model.version}  data ${short(m.data.raw)}/${short(m.data.processed)}  code ${short(m.code.commit)}${m.code.dirty ? '+dirty' : ''}${serving.has(m.id) ? `  <- ${serving.get(m.id)!.join(', ')}` : ''}`)
    .join('\n');
}
