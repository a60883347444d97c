import { spawn } from 'node:child_process';
import { CliError, runMain } from '@cd4ml/cli';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { Command } from '@commander-js/extra-typings';
import { loadWorkspaceProjects } from '../config/workspace-projects.ts';
import { pipelineProject, pipelineStages, runPipeline, type StageRow } from './run-pipeline.ts';

const program = new Command('pipeline')
  .description('Run the pipeline defined in pipeline.json through Nx: one task graph; cached stages are replayed, not rerun.')
  .option('--pipeline <project>', 'the project holding pipeline.json, when there are several');

function table(rows: readonly StageRow[]): string {
  return rows.map((r) => `  ${r.stage.padEnd(22)} ${r.outcome.padEnd(7)} ${r.seconds.toFixed(1).padStart(6)}s  ${r.description}`).join('\n');
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
  .description('run every stage, stop at the first failure, print what ran and what came from the cache, and optionally serve')
  .option('--serve', 'after the last stage, serve the result in the foreground (Ctrl+C to stop)')
  .action((o) =>
    runMain(async () => {
      const root = findWorkspaceRoot();
      const started = performance.now();
      let rows: StageRow[];
      try {
        rows = await runPipeline(root, { ...(program.opts().pipeline ? { pipeline: program.opts().pipeline } : {}) });
      } catch (error) {
        const partial = (error as { rows?: StageRow[] }).rows;
        if (partial) console.log(`\n=== pipeline summary\n${table(partial)}`);
        throw error;
      }
      const cached = rows.filter((r) => r.outcome === 'cached').length;
      console.log(`\n=== pipeline summary (${((performance.now() - started) / 1000).toFixed(1)}s, ${rows.length - cached} ran, ${cached} from the Nx cache)\n${table(rows)}`);
      const serve = pipelineProject(loadWorkspaceProjects(root), program.opts().pipeline).pipeline.serve;
      if (!o.serve || !serve) return;
      console.log(`\n=== serve: ${serve}`);
      // Its upstream stages have just run or come from the cache: do not walk the graph again.
      const child = spawn('npx', ['nx', 'run', serve, '--outputStyle=stream', '--excludeTaskDependencies'], { cwd: root, stdio: 'inherit' });
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
      await new Promise<void>((resolve, reject) => {
        child.on('error', (error) => reject(new CliError('NX_NOT_STARTED', `could not start npx nx: ${error.message}`)));
        child.on('exit', (code) => {
          process.exitCode = code ?? 0;
          resolve();
        });
      });
    }),
  );

await program.parseAsync();
