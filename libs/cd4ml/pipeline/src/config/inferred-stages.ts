import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { ProjectConfig, Stage } from './project-config.ts';
import { parseTargetRef } from './target-ref.ts';

/** Where the platform's command lines live, by package; a package the workspace lacks is undefined. */
export type PlatformRoots = Record<'deploy' | 'operations' | 'monitoring', string | undefined>;

const PLATFORM_PACKAGES = { deploy: '@cd4ml/deploy', operations: '@cd4ml/operations', monitoring: '@cd4ml/monitoring' } as const;

/**
 * The platform packages' folders, workspace-relative: a workspace package of that name (the
 * reference, which builds the platform from source), else the installed package.
 */
export function platformRoots(workspaceRoot: string, packageRoots: ReadonlyMap<string, string>): PlatformRoots {
  const find = (name: string) => packageRoots.get(name) ?? (existsSync(join(workspaceRoot, 'node_modules', name, 'package.json')) ? posix.join('node_modules', name) : undefined);
  return { deploy: find(PLATFORM_PACKAGES.deploy), operations: find(PLATFORM_PACKAGES.operations), monitoring: find(PLATFORM_PACKAGES.monitoring) };
}

/** Production's environment folder and what its instances write there (the deploy lib's layout). */
export const PRODUCTION = { env: 'environments/production', predictions: 'environments/production/run/*/predictions.jsonl', actuals: 'environments/production/data/actuals.jsonl' } as const;

/**
 * The release and operations stages the platform infers from a project's `release`, `monitor`,
 * `feedback` and `simulate` declarations: the same command lines for every domain, so a domain
 * never names the platform's code. A stage the project declares itself under the same name wins.
 *
 * @param name the project's Nx name
 * @param modelOf the model name (`model` of its cd4ml.json) of the project that owns a stage, for the registry file
 */
export function inferredStages(name: string, config: ProjectConfig, roots: PlatformRoots, modelOf: (project: string) => string | undefined): Record<string, Stage> {
  const release = config.release;
  if (!release || !roots.deploy) return {};
  const cli = (root: string, file: string) => `node --import tsx ${posix.join(root, file)}`;
  const deploy = cli(roots.deploy, 'src/cli.ts');
  const modelRef = parseTargetRef(release.model);
  const model = modelOf(modelRef.project);
  const registry = model ? ` --registry registry/${model}.json` : '';
  const at = (file: string) => `{projectRoot}/${file}`;
  const stages: Record<string, Stage> = {
    build: {
      description: 'bundle the app into plain JavaScript for a release (esbuild; no tsx at run time), with how it is started and smoke-tested (app.json)',
      command: `${deploy} build --project {projectRoot} --name ${name} --out {out}`,
      out: `dist/apps/${name}`,
      after: [],
      cache: true,
      continuous: false,
      inferred: { trace: [release.entry, ...Object.keys(release.browser)].map(at), inputs: [at('cd4ml.json'), ...Object.keys(release.assets).map((a) => `${at(a)}/**/*`)] },
    },
    package: {
      description: 'an immutable release in releases/<id>/: the app bundle, the gated model and a manifest of versions, gates and checksums',
      command: `${deploy} package --app {build} --model {${release.model}} --out {out}`,
      out: `dist/release/${name}`,
      after: release.after,
      cache: true,
      continuous: false,
    },
    deploy: opsStage('deploy the release to staging and smoke-test it there (--env production: blue/green)', `${deploy} deploy --release-from {package} --env staging --out {out}`, { out: 'dist/deploy/staging' }),
    smoke: opsStage('smoke test of staging: health, readiness, model version, the holdout replayed through HTTP', `${deploy} smoke --env staging`, { after: ['deploy'] }),
    promote: opsStage("staging's release to production: approval, blue/green switch after its smoke test, automatic rollback, champion alias", `${deploy} promote${registry} --out {out}`, { after: ['smoke'], out: 'dist/deploy/production' }),
    rollback: opsStage('production back to the release before (-- --to <release>): code, model and data versions together', `${deploy} rollback${registry}`),
    shadow: opsStage("a challenger release gets a copy of production's traffic (-- start --release <id> | report | stop)", `${deploy} shadow`),
    attach: opsStage("stay in the foreground with production's URL; Ctrl+C stops the environments (npm start's last step)", `${deploy} attach`, { continuous: true }),
    serve: opsStage('serve the gated model from source: the app on PORT (3000), its prediction log on stdout', `node --import tsx ${at(release.entry)} --model {${release.model}} --actuals data/monitoring/${name}/actuals.jsonl`, { continuous: true }),
  };
  if (config.monitor && roots.operations) {
    const ops = cli(roots.operations, 'src/cli.ts');
    stages['monitor'] = opsStage(
      "drift of production's traffic against the model's training profile, live accuracy on the posted actuals (-- --actuals-csv <file> adds a CSV); JSON and HTML reports; exits 1 on an alert",
      `${ops} monitor --definition ${config.monitor.module} --settings ${config.monitor.settings} --env ${PRODUCTION.env} --out {out}`,
      { out: 'dist/monitoring/production' },
    );
    if (roots.monitoring) {
      stages['monitor-exporter'] = opsStage(
        'serve the latest monitor report (dist/monitoring/production) as Prometheus gauges on 127.0.0.1:9464/metrics, re-read at every scrape; run monitor to update it',
        `${cli(roots.monitoring, 'src/exporter/cli.ts')} --report dist/monitoring/production/monitor-report.json --port 9464`,
        { continuous: true },
      );
    }
    if (config.feedback) {
      stages['feedback'] = opsStage(
        `close the loop: production's actuals joined with its logged forecasts (the latest actual wins), outcomes only, into ${config.feedback.out}; the next pipeline run folds them in`,
        `${ops} feedback --definition ${config.feedback.module} --env ${PRODUCTION.env} --out ${config.feedback.out}`,
      );
      if (config.simulate) {
        stages['simulate'] = opsStage(
          'weeks of production replayed against the real app: a change, the monitor, feedback, retraining, redeploys; a timeline and simulation.html (-- --help)',
          `${ops} simulate --app ${name}`,
        );
      }
    }
  }
  return stages;
}

function opsStage(description: string, command: string, o: { out?: string; after?: string[]; continuous?: boolean } = {}): Stage {
  return { description, command, after: o.after ?? [], cache: false, continuous: o.continuous ?? false, ...(o.out ? { out: o.out } : {}) };
}
