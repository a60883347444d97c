import { spawn } from 'node:child_process';

export interface StageResult {
  target: string;
  ok: boolean;
  cached: boolean;
  seconds: number;
  output: string;
}

/**
 * Runs one Nx target and reports whether Nx served it from its cache. Output is streamed to the
 * terminal as it comes and also kept, so the runner can summarise.
 */
export async function runStage(target: string, options: { cwd: string; env?: NodeJS.ProcessEnv; echo?: boolean }): Promise<StageResult> {
  const started = performance.now();
  const child = spawn('npx', ['nx', 'run', target, '--outputStyle=stream'], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer, stream: NodeJS.WriteStream) => {
    const text = chunk.toString('utf8');
    output += text;
    if (options.echo !== false) stream.write(text.replace(/^npm warn Unknown .*\n/gm, ''));
  };
  child.stdout.on('data', (c: Buffer) => collect(c, process.stdout));
  child.stderr.on('data', (c: Buffer) => collect(c, process.stderr));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  return {
    target,
    ok: code === 0,
    // Nx says so when every task of the run came from the cache.
    cached: /read the output from the cache instead of running the command for (\d+) out of \1 tasks/.test(output),
    seconds: (performance.now() - started) / 1000,
    output,
  };
}
