import { posix } from 'node:path';
import { readMonitorSettings, type MonitorSettings } from '@cd4ml/monitoring';
import type { WorkspaceProject } from '@cd4ml/pipeline/declarations';
import { loadFeedbackDefinition } from '../feedback/feedback-command.ts';
import { hasKeys, loadDefinition } from '../load-definition.ts';
import { loadMonitorDefinition } from '../monitor/monitor-command.ts';
import type { SimulationSetup } from './simulate.ts';
import type { SimulationDefinition } from './simulation-definition.ts';
import { SimulationError } from './simulation-error.ts';
import { SimulationStages } from './simulation-stages.ts';

/**
 * What a simulation of `app` needs, from the app's cd4ml.json: its release (the model it serves,
 * its smoke test's batch route), and the domain's monitor, feedback and simulation definitions.
 */
export async function loadSimulationSetup(workspaceRoot: string, projects: ReadonlyMap<string, WorkspaceProject>, app: string): Promise<Omit<SimulationSetup, 'dir' | 'stages' | 'say'> & { stagesIn: (dir: string) => SimulationSetup['stages'] }> {
  const project = projects.get(app);
  const config = project?.config;
  const file = project ? posix.join(project.root, 'cd4ml.json') : `${app}/cd4ml.json`;
  if (!project || !config) throw new SimulationError('BAD_OPTION', `--app ${app}: no project of that name declares a cd4ml.json (projects: ${[...projects.keys()].sort().join(', ')})`);
  const { release, monitor, feedback, simulate } = config;
  if (!release || !monitor || !feedback || !simulate) {
    const missing = Object.entries({ release, monitor, feedback, simulate }).filter(([, v]) => !v).map(([k]) => k);
    throw new SimulationError('BAD_OPTION', `${file} declares no ${missing.join(', ')}: a simulation needs the app's release, monitor, feedback and simulate declarations (see docs/monitoring.md)`);
  }
  const settings: MonitorSettings = await readMonitorSettings(monitor.settings);
  const simulation = await loadDefinition(workspaceRoot, simulate.module, 'simulation', 'a SimulationDefinition of @cd4ml/operations (defineSimulation({ historyEnd, changes, defaultChange, world, retrain, request, actual }))', hasKeys<SimulationDefinition>('historyEnd', 'changes', 'defaultChange', 'world', 'retrain', 'request', 'actual'));
  return {
    workspaceRoot,
    app: { name: app, root: project.root, smoke: release.smoke, model: release.model },
    simulation,
    monitor: await loadMonitorDefinition(workspaceRoot, monitor.module),
    settings,
    feedback: { definition: await loadFeedbackDefinition(workspaceRoot, feedback.module), out: feedback.out },
    stagesIn: (dir) => (files) => new SimulationStages(workspaceRoot, projects, dir, files),
  };
}
