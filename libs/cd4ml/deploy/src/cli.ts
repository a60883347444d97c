import { resolve } from 'node:path';
import { CliError, runMain } from '@cd4ml/cli';
import { findWorkspaceRoot, writeFileAtomic } from '@cd4ml/fs';
import { Command, Option } from '@commander-js/extra-typings';
import type { DeployContext } from './deploy/context.ts';
import type { DeployOutcome } from './deploy/deploy-release.ts';
import { ENVIRONMENTS, portOverrides } from './env/environment-config.ts';

const program = new Command('cd4ml-deploy')
  .description('Releases and environments: package, deploy, smoke, promote, rollback, shadow, stop. Run the stages through Nx: npx nx run <app>:<stage>.')
  .option('--environments <dir>', 'environments folder: committed config, gitignored state', 'environments')
  .option('--releases <dir>', 'releases folder (gitignored)', 'releases');
const envOption = () => new Option('--env <name>', 'environment').choices(ENVIRONMENTS).default('staging' as const);
const ctx = (): DeployContext => {
  const g = program.opts();
  const root = findWorkspaceRoot();
  // The CD4ML_<ENV>_PORT variables are read here, by the command line only: a library caller (a test,
  // the simulation) passes its own ports and is never moved by the user's shell.
  return { environmentsDir: resolve(g.environments), releasesDir: resolve(g.releases), workspaceRoot: root, ports: portOverrides(process.env), say: (line) => console.log(line) };
};
const record = async (out: string | undefined, o: DeployOutcome) => {
  const { writeDeploymentRecord } = await import('./deploy/deployment-record.ts');
  if (out) await writeDeploymentRecord(out, o.env, o.url, o.release);
};
// Each command loads only what it runs: the deploy, smoke and promote stages start on every
// pipeline run, and a CLI that loads everything costs 0.3 s more each time.
const lazy = {
  attach: () => import('./deploy/attach.ts'),
  build: () => import('./build/build-app.ts'),
  blueGreen: () => import('./deploy/blue-green.ts'),
  deploy: () => import('./deploy/deploy-release.ts'),
  records: () => import('./deploy/deployment-record.ts'),
  envConfig: () => import('./env/environment-config.ts'),
  envState: () => import('./env/environment-state.ts'),
  pkg: () => import('./release/package-release.ts'),
  promote: () => import('./deploy/promote.ts'),
  release: () => import('./release/release-manifest.ts'),
  rollback: () => import('./deploy/rollback.ts'),
  shadow: () => import('./deploy/shadow.ts'),
  shadowReport: () => import('./deploy/shadow-report.ts'),
  smoke: () => import('./smoke/smoke-test.ts'),
  status: () => import('./deploy/status.ts'),
  stop: () => import('./deploy/stop.ts'),
};

program
  .command('build')
  .description("bundle an app into plain JavaScript for a release, from the release declared in its cd4ml.json (entry, browser scripts, static files, smoke test)")
  .requiredOption('--project <dir>', "the app's folder, workspace-relative, e.g. apps/rentals-web")
  .requiredOption('--name <name>', "the app's name (its Nx project)")
  .requiredOption('--out <dir>', 'the build output folder (replaced): app/, app.json, manifest.json')
  .action((o) =>
    runMain(async () => {
      const { files, bundleId } = await (await lazy.build()).buildApp({ workspaceRoot: findWorkspaceRoot(), projectRoot: o.project, name: o.name, outDir: o.out });
      console.log(`bundled ${o.name} into ${o.out}: ${files} files, bundle ${bundleId}, with onnxruntime-node for ${process.platform}-${process.arch}`);
    }),
  );

program
  .command('package')
  .description('make an immutable release in releases/<id>/ from the app build and the gated model')
  .requiredOption('--app <dir>', "the app's build output (app.json and its bundle)")
  .requiredOption('--model <dir>', 'the gated model artifact')
  .requiredOption('--out <dir>', 'where the pointer to the release goes (release.json)')
  .action((o) =>
    runMain(async () => {
      const c = ctx();
      const { release, created } = await (await lazy.pkg()).packageRelease({ appDir: o.app, modelDir: o.model, releasesDir: c.releasesDir, workspaceRoot: c.workspaceRoot });
      const m = release.manifest;
      await (await lazy.records()).writeReleasePointer(o.out, release);
      console.log(`${created ? 'made' : 'already made'} release ${m.id} in ${release.dir}: ${m.app.name}, model ${m.model.version}, data ${m.data.raw.slice(0, 12)}/${m.data.processed.slice(0, 12)}, code ${m.code.commit.slice(0, 12)}${m.code.dirty ? ' (dirty)' : ''}, ${Object.keys(m.files).length} files`);
    }),
  );

program
  .command('deploy')
  .description('deploy a release to an environment and smoke-test it there (production: blue/green with automatic rollback)')
  .addOption(envOption())
  .option('--release <id>', 'the release to deploy')
  .option('--release-from <dir>', "the package stage's output: deploy the release it made")
  .option('--out <dir>', 'write deployment.json here')
  .action((o) =>
    runMain(async () => {
      const id = o.release ?? (o.releaseFrom ? (await (await lazy.records()).readReleasePointer(o.releaseFrom)).id : undefined);
      if (!id) throw new CliError('NO_RELEASE', 'name the release: --release <id>, or --release-from <package output>');
      await record(o.out, await (await lazy.deploy()).deployRelease(ctx(), o.env, id));
    }),
  );

program
  .command('smoke')
  .description("smoke-test what an environment serves: health, readiness, model version, the model's holdout replayed through HTTP")
  .addOption(envOption())
  .action((o) =>
    runMain(async () => {
      const c = ctx();
      const env = await (await lazy.envConfig()).loadEnvironment(c.environmentsDir, o.env, c.ports);
      const live = (await (await lazy.envState()).readState(env.dir))?.live;
      if (!live) throw new CliError('NOT_DEPLOYED', `${o.env} serves nothing: deploy a release first (npx nx run <app>:deploy)`);
      const release = await (await lazy.release()).readRelease(c.releasesDir, live.release);
      const r = await (await lazy.smoke()).smokeTest(`http://127.0.0.1:${env.config.port}`, release);
      console.log(`${o.env}: smoke test of release ${live.release} passed in ${r.seconds.toFixed(2)} s: health, readiness, model ${release.manifest.model.version}, ${r.rows} holdout rows (largest difference ${r.maxAbsDiff.toPrecision(3)}, bar ${r.tolerance.relative} relative + ${r.tolerance.rounding / 2})`);
    }),
  );

program
  .command('promote')
  .description('promote what staging serves to production (approval, blue/green, smoke, automatic rollback) and move the champion alias')
  .option('--approve', 'approve the promotion (needed when environments/production/promotion.json asks for a manual approval)')
  .option('--registry <file>', "the model's registry file, whose champion alias follows production")
  .option('--out <dir>', 'write deployment.json here')
  .action((o) => runMain(async () => record(o.out, await (await lazy.promote()).promoteRelease(ctx(), { ...(o.approve ? { approve: true } : {}), ...(o.registry ? { registryFile: o.registry } : {}) }))));

program
  .command('rollback')
  .description('go back to an earlier release (the one before, or --to): code, model and data versions together')
  .addOption(envOption().default('production' as const))
  .option('--to <release>', 'the release id (or a unique prefix)')
  .option('--registry <file>', "the model's registry file, whose champion alias follows production")
  .option('--out <dir>', 'write deployment.json here')
  .action((o) => runMain(async () => record(o.out, await (await lazy.rollback()).rollbackRelease(ctx(), o.env, { ...(o.to ? { to: o.to } : {}), ...(o.registry ? { registryFile: o.registry } : {}) }))));

const shadow = program.command('shadow').description("a challenger release that gets a copy of production's traffic; its answers are logged, never returned");
shadow
  .command('start')
  .requiredOption('--release <id>', 'the challenger release')
  .action((o) => runMain(async () => void (await (await lazy.shadow()).startShadow(ctx(), o.release))));
shadow.command('stop').action(() => runMain(async () => void (await (await lazy.shadow()).stopShadow(ctx()))));
shadow
  .command('report')
  .option('--out <file>', 'the HTML report', 'dist/deploy/shadow-report.html')
  .action((o) =>
    runMain(async () => {
      const context = ctx();
      const env = await (await lazy.envConfig()).loadEnvironment(context.environmentsDir, 'production', context.ports);
      const { compareShadow, shadowReportHtml } = await lazy.shadowReport();
      const log = (await lazy.blueGreen()).shadowLog(env);
      const c = await compareShadow(log);
      await writeFileAtomic(o.out, shadowReportHtml(c, log));
      console.log(`${c.requests} requests shadowed (challenger ${c.releases.shadow.join(', ') || 'none'} against ${c.releases.live.join(', ') || 'none'}): same status ${c.sameStatus}, shadow errors ${c.shadowErrors}, ${c.numbersCompared} numbers compared, mean |diff| ${c.meanAbsDiff.toPrecision(3)}, max ${c.maxAbsDiff.toPrecision(3)}, ${(c.within10Percent * 100).toFixed(1)} % within 10 %; report: ${o.out}`);
    }),
  );

program
  .command('stop')
  .description('stop environments (all of them unless --env)')
  .addOption(new Option('--env <name>', 'only this environment').choices(ENVIRONMENTS))
  .action((o) =>
    runMain(async () => {
      let any = false;
      for (const name of o.env ? [o.env] : ENVIRONMENTS) any = (await (await lazy.stop()).stopEnvironment(ctx(), name)) || any;
      if (!any) console.log('nothing was running');
    }),
  );

program.command('status').description('what each environment serves').action(() => runMain(async () => console.log(await (await lazy.status()).describeEnvironments(ctx()))));
program.command('releases').description('the releases, newest first, with where they serve').action(() => runMain(async () => console.log(await (await lazy.status()).describeReleases(ctx()))));
program
  .command('attach')
  .description('stay in the foreground showing where production serves; Ctrl+C stops every environment')
  .action(() => runMain(async () => (await lazy.attach()).attach(ctx())));
program
  .command('manifest')
  .description('print a release manifest')
  .argument('<release>')
  .action((id) => runMain(async () => console.log(JSON.stringify((await (await lazy.release()).readRelease(ctx().releasesDir, id, { verify: true })).manifest, null, 2))));

await program.parseAsync();
