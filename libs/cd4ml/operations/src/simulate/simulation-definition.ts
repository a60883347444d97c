/** What every step of a simulation may use: its folder, its seed and options, and the workspace's stages. */
export interface SimulationContext {
  /** The simulation's work folder (absolute): its data, models, releases and environment. */
  dir: string;
  seed: number;
  /** The domain's own options, by name (see {@link SimulationDefinition.options}). */
  options: Readonly<Record<string, number>>;
  /** The last day of history; production starts the day after. */
  historyEnd: string;
  /** The last day of production. */
  lastDay: string;
  /**
   * Runs one stage of the workspace, as its cd4ml.json declares it, with every output, registry
   * and fed-back file in the simulation's folder, and `args` added to its command line.
   */
  runStage(ref: string, args?: readonly string[]): Promise<{ stdout: string }>;
  /** Where a stage writes, in the simulation's folder. */
  outputOf(ref: string): string;
}

/** When a retrain happens: the window the model learns from. */
export interface RetrainContext extends SimulationContext {
  /** The last day the model may learn from: history's end for the first model, then the day of the alarm. */
  until: string;
  /** The first day of the window: `--training-days` before the validation days (a sliding window: the model learns the world as it is now), or the history's first day with `--training-days 0` (a growing window). */
  from: string;
  /** Days at the end of the window held out for evaluation and the gates. */
  validationDays: number;
}

/** A change the domain can inject into its world from a day of production on. */
export interface ChangeDefinition<Row> {
  description: string;
  /** The size of the change when none is given (`--factor`). */
  factor: number;
  apply: (rows: readonly Row[], factor: number, random: () => number) => Row[];
}

/** A numeric option of the domain's world, offered on the command line as `--<name>`. */
export interface SimulationOption {
  description: string;
  default: number;
  min: number;
  max?: number;
}

/**
 * What a domain exports for the platform's simulation, from the module its app's cd4ml.json names
 * (`simulate.module`): its world, the changes it can inject, how it asks for forecasts and posts
 * actuals, and which of its stages retrain. The replay, the monitor, the feedback, the releases,
 * the ports and the report are the platform's.
 */
export interface SimulationDefinition<Row = unknown> {
  /** The last day of the world's history: the first model learns up to it, production starts the day after. */
  historyEnd: string;
  /** The first day of the world's history: where a growing window starts (`--training-days 0`). */
  historyStart?: string;
  changes: Readonly<Record<string, ChangeDefinition<Row>>>;
  /** The change `npm run simulate` injects when none is named. */
  defaultChange: string;
  /** The domain's defaults for the platform's options (its data may need a longer training window, say). */
  defaults?: Partial<Record<'weeks' | 'changeDay' | 'trainingDays' | 'validationDays' | 'cooldownDays', number>>;
  options?: Readonly<Record<string, SimulationOption>>;
  /** Files the simulation's stages read in place of the workspace's (workspace path -> a file it writes in `ctx.dir`). */
  prepare?: (ctx: Omit<SimulationContext, 'runStage' | 'outputOf'>) => Promise<Record<string, string>>;
  /** Writes the seeded world (history and production) and returns each production day's rows: the truth. */
  world: (ctx: SimulationContext) => Promise<ReadonlyMap<string, readonly Row[]>>;
  /** The stages that train and gate a model on the window, in order, with what each adds to its command line; the last writes the model the app serves. */
  retrain: (ctx: RetrainContext) => readonly (readonly [ref: string, args: readonly string[]])[];
  /** One row as the app's batch request asks for it. */
  request: (row: Row) => Record<string, unknown>;
  /** One row as an actual posted to the app. */
  actual: (row: Row) => Record<string, unknown>;
}

/** Types a domain's simulation definition. */
export function defineSimulation<Row>(definition: SimulationDefinition<Row>): SimulationDefinition<Row> {
  return definition;
}
