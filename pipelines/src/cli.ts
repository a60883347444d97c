import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { referencePipeline, serveTarget } from './reference-pipeline.ts';
import { runStage } from './run-stage.ts';

const workspaceRoot = resolve(import.meta.dirname, '../..');

const program = new Command('pipeline').description('Run the cd4ml reference pipeline through Nx (cached stages are not re-run).');

program
  .command('list')
  .description('list the stages in order')
  .action(() => {
    for (const [i, s] of referencePipeline.entries()) console.log(`${i + 1}. ${s.name.padEnd(9)} ${s.target.padEnd(20)} ${s.description}`);
    console.log(`then     ${serveTarget} (with --serve)`);
  });

program
  .command('run')
  .description('run every stage in order, stop at the first failure, and optionally serve the app')
  .option('--serve', 'after the last stage, serve the web app (Ctrl+C to stop)')
  .action(async (opts: { serve?: boolean }) => {
    const results = [];
    for (const stage of referencePipeline) {
      console.log(`\n=== ${stage.name}: ${stage.description}`);
      const result = await runStage(stage.target, { cwd: workspaceRoot });
      results.push({ stage, result });
      if (!result.ok) {
        console.error(`\npipeline stopped: stage "${stage.name}" (${stage.target}) failed. Fix the error above and run again.`);
        process.exitCode = 1;
        return;
      }
    }
    console.log('\n=== pipeline summary');
    for (const { stage, result } of results) {
      console.log(`  ${stage.name.padEnd(9)} ${result.cached ? 'cached' : 'ran   '}  ${result.seconds.toFixed(1)}s`);
    }
    if (!opts.serve) return;
    console.log(`\n=== serve: ${serveTarget}`);
    const child = spawn('npx', ['nx', 'run', serveTarget, '--outputStyle=stream'], { cwd: workspaceRoot, stdio: 'inherit' });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
    child.on('exit', (code) => {
      process.exitCode = code ?? 0;
    });
  });

await program.parseAsync();
