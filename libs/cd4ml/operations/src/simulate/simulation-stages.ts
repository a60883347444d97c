import { spawn } from 'node:child_process';
import { delimiter, isAbsolute, join } from 'node:path';
import { parseTargetRef, renderStage, type WorkspaceProject } from '@cd4ml/pipeline/declarations';
import { SimulationError } from './simulation-error.ts';

const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

/**
 * The workspace's own stages, run as their cd4ml.json declares them, with every output folder and
 * registry file inside the simulation's folder, and chosen committed files replaced (the fed-back
 * outcomes, a params file): the real commands, beside the workspace and never over it.
 */
export class SimulationStages {
  constructor(
    private readonly root: string,
    private readonly projects: ReadonlyMap<string, WorkspaceProject>,
    readonly dir: string,
    private readonly files: ReadonlyMap<string, string>,
  ) {}

  /** Where a workspace path goes in the simulation: outputs and registry files under its folder, replaced files where they were written. */
  private readonly map = (path: string, kind: 'out' | 'file' | 'registry') => (kind === 'file' ? (this.files.get(path) ?? path) : isAbsolute(path) ? path : join(this.dir, path));

  /** Where a stage writes, in the simulation's folder. */
  outputOf(ref: string): string {
    const { project, stage } = parseTargetRef(ref);
    const out = this.projects.get(project)?.config?.stages[stage]?.out;
    if (!out) throw new SimulationError('NO_STAGE', `the simulation needs ${ref}, a stage with an output folder, which no cd4ml.json declares`);
    return this.map(out, 'out');
  }

  /** Runs one stage with `args` added to its command line; a failure names the stage, the command and the end of its output. */
  async run(ref: string, args: readonly string[] = []): Promise<{ stdout: string }> {
    const { project, stage } = parseTargetRef(ref);
    const owner = this.projects.get(project);
    if (!owner?.config?.stages[stage]) throw new SimulationError('NO_STAGE', `the simulation runs ${ref}, which no cd4ml.json declares`);
    const command = `${renderStage(owner, stage, this.projects, this.map).command} ${args.map(quote).join(' ')}`.trim();
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', command], { cwd: this.root, env: { ...process.env, FORCE_COLOR: '0', PATH: `${join(this.root, 'node_modules', '.bin')}${delimiter}${process.env['PATH'] ?? ''}` } });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', reject);
      child.on('close', (exitCode) => resolve({ code: exitCode ?? 1, stdout: out, stderr: err }));
    });
    if (code !== 0) throw new SimulationError('STAGE_FAILED', `${ref} failed (exit ${code}): ${stderr.trim().split('\n').slice(0, 6).join('\n') || stdout.trim().split('\n').slice(-6).join('\n')}\n  command: ${command}`, { stage: ref, stderr });
    return { stdout };
  }
}
