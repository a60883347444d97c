import { spawn } from 'node:child_process';
import { delimiter, join, relative } from 'node:path';
import { CliError, runMain } from '@cd4ml/cli';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { Command } from '@commander-js/extra-typings';
import { renderStage } from '../config/render-stage.ts';
import { parseTargetRef } from '../config/target-ref.ts';
import { loadWorkspaceProjects } from '../config/workspace-projects.ts';
import { DEFAULT_RECORDS_DIR, recordRun } from './record-run.ts';
import { pipelineProject, pipelineStages, runPipeline, type StageRow } from './run-pipeline.ts';
import { logView, terminalView } from './run-view.ts';

const program = new Command('pipeline')
  .description('Run the pipeline defined in pipeline.json through Nx: one task graph; cached stages are not rerun.')
  .option('--pipeline <project>', 'the project holding pipeline.json, when there are several');

function table(rows: readonly StageRow[]): string {
  const width = rows.reduce((w, r) => Math.max(w, r.stage.length), 5);
  return rows.map((r) => `  ${r.stage.padEnd(width)}  ${r.outcome.padEnd(7)} ${r.seconds.toFixed(1).padStart(6)}s  ${r.description}`).join('\n');
}

program
  .command('list')
  .description('list the stages in order, with what each does')
  .action(() =>
    runMain(() => {
      const projects = loadWorkspaceProjects(findWorkspaceRoot());
      const project = pipelineProject(projects, program.opts().pipeline);
      for (const [i, s] of pipelineStages(projects, project).entries()) console.log(`${String(i + 1).padStart(2)}. ${s.stage.padEnd(22)} ${s.description}`);
      if (project.pipeline.serve) console.log(`then ${project.pipeline.serve} (with --serve)`);
      return Promise.resolve();
    }),
  );

program
  .command('run')
  .description('run every stage, stop at the first failure naming its reason, write a run record and an HTML report, and optionally serve')
  .option('--serve', 'after the last stage, run the serve stage of pipeline.json in the foreground (Ctrl+C to stop)')
  .option('--records <dir>', 'where run records and the report go', DEFAULT_RECORDS_DIR)
  .action((o) =>
    runMain(async () => {
      const root = findWorkspaceRoot();
      const startedAt = new Date();
      const started = performance.now();
      const live = process.stdout.isTTY === true && !process.env['CI'];
      const run = await runPipeline(root, {
        ...(program.opts().pipeline ? { pipeline: program.opts().pipeline } : {}),
        view: (board) => (live ? terminalView(board, process.stdout) : logView(board, (t) => process.stdout.write(t))),
      });
      const seconds = (performance.now() - started) / 1000;
      const { record, recordPath, reportPath } = await recordRun(root, run, { startedAt, seconds, recordsDir: o.records });
      const cached = run.rows.filter((r) => r.outcome === 'cached').length;
      const ran = run.rows.filter((r) => r.outcome === 'ran').length;
      console.log(`\n=== pipeline summary (${seconds.toFixed(1)}s, ${ran} ran, ${cached} from the Nx cache)${live ? '' : `\n${table(run.rows)}`}`);
      for (const d of record.results.deployments) console.log(`${d.env}: ${d.url} (release ${d.release})`);
      console.log(`report: ${relative(root, reportPath)}  record: ${relative(root, recordPath)}`);
      if (!record.passed) {
        const where = run.failure?.stage ?? 'Nx';
        const notRun = run.rows.filter((r) => r.outcome === 'not run' || r.outcome === 'skipped').map((r) => r.stage);
        const reason = run.failure?.reason.map((l) => `  ${l}`).join('\n') ?? '  (Nx stopped before any stage failed: see its message above)';
        throw new CliError('STAGE_FAILED', `pipeline stopped at ${where}${notRun.length > 0 ? `; not run: ${notRun.join(', ')}` : ''}. Reason:\n${reason}\nFix it and run again (the stage's full output is above).`);
      }
      const serve = pipelineProject(loadWorkspaceProjects(root), program.opts().pipeline).pipeline.serve;
      if (o.serve && serve) await serveInForeground(root, serve);
    }),
  );

/**
 * Runs the serve stage's own command in the foreground, without Nx: its upstream stages have just
 * run or come from the cache, and Nx ends its tasks at once on Ctrl+C, where a serve stage must be
 * left to shut down cleanly (stop its servers). Ctrl+C reaches the command from the terminal; a
 * SIGTERM sent to this runner alone is passed on. The runner returns when the command has exited.
 */
async function serveInForeground(root: string, serve: string): Promise<void> {
  const projects = loadWorkspaceProjects(root);
  // The reference was checked when the workspace was loaded (checkReferences).
  const { project, stage } = parseTargetRef(serve);
  const { command } = renderStage(projects.get(project)!, stage, projects);
  console.log(`\n=== ${serve}\n> ${command}`);
  // exec: the shell becomes the command, so signals reach it and its exit is the runner's.
  const child = spawn('/bin/sh', ['-c', `exec ${command}`], { cwd: root, env: { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env['PATH'] ?? ''}` }, stdio: 'inherit' });
  let interrupted = false;
  process.on('SIGINT', () => (interrupted = true));
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  await new Promise<void>((resolve, reject) => {
    child.on('error', (error) => reject(new CliError('SERVE_NOT_STARTED', `could not start ${serve}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      process.exitCode = code ?? (signal && !interrupted ? 1 : 0);
      resolve();
    });
  });
}

await program.parseAsync();
