import { join } from 'node:path';
import { readJsonFile } from '@cd4ml/fs';
import { z } from 'zod';
import { DeployError } from '../deploy-error.ts';

/** The environment names of the layout; `--env` takes one of these. */
export const ENVIRONMENTS = ['staging', 'production'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/**
 * `environments/<env>/environment.json`, committed: where the environment listens and how a
 * release replaces another there.
 */
export const environmentConfigSchema = z.strictObject({
  name: z.enum(ENVIRONMENTS),
  /** The loopback port clients use. `CD4ML_<ENV>_PORT` overrides it (tests, a busy port). */
  port: z.number().int().min(1).max(65535),
  /**
   * `replace`: the old process stops, the new one starts on the port (a short gap: staging).
   * `blue-green`: a proxy holds the port; the new release starts on a spare port, passes its smoke
   * test, and only then does the proxy switch to it (no gap, no failed request: production).
   */
  strategy: z.enum(['replace', 'blue-green']),
  /** How long a release may take to become ready. @default 60 */
  readyTimeoutSeconds: z.number().positive().default(60),
  /** After a blue/green switch, how long the new release is watched (alive, ready, right version) before the old one stops. @default 3 */
  postDeploySeconds: z.number().nonnegative().default(3),
});
export type EnvironmentConfig = z.infer<typeof environmentConfigSchema>;

/**
 * `environments/production/promotion.json`, committed: which environment feeds this one, and
 * whether a promotion needs a person's approval (`--approve`) or is approved by this policy.
 */
export const promotionPolicySchema = z.strictObject({
  from: z.enum(ENVIRONMENTS),
  approval: z.enum(['manual', 'auto']),
  /** Why: shown with every promotion this policy approves. */
  note: z.string().min(1),
});
export type PromotionPolicy = z.infer<typeof promotionPolicySchema>;

/** An environment's folder, its committed configuration, and the port after overrides. */
export interface Environment {
  dir: string;
  config: EnvironmentConfig;
}

/** Ports that replace an environment's committed one, by environment. */
export type PortOverrides = Partial<Record<EnvironmentName, number>>;

/**
 * The port overrides a user gives the command line: `CD4ML_STAGING_PORT`, `CD4ML_PRODUCTION_PORT`.
 * Ports that Node's `fetch` refuses to connect to (its "bad ports", e.g. 6000) are refused here,
 * since the smoke test and the promotion could never reach the release.
 */
export function portOverrides(env: Record<string, string | undefined>): PortOverrides {
  const ports: PortOverrides = {};
  for (const name of ENVIRONMENTS) {
    const variable = `CD4ML_${name.toUpperCase()}_PORT`;
    const value = env[variable];
    if (value !== undefined && value !== '') ports[name] = checkPort(value, variable);
  }
  return ports;
}

/** A port given by the user (`from`: the variable or option), or an error saying why not and what to do. */
export function checkPort(value: string, from: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new DeployError('ENV_INVALID', `${from}=${value} is not a port (1-65535).`);
  if (FETCH_BAD_PORTS.has(port)) throw new DeployError('ENV_INVALID', `${from}=${value}: Node's fetch refuses to connect to port ${port} (a port the Fetch standard blocks), so the smoke test could never reach it. Choose another port, e.g. ${port + 1}.`);
  return port;
}

/** The Fetch standard's blocked ports (https://fetch.spec.whatwg.org/#port-blocking), which Node's fetch refuses. */
const FETCH_BAD_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512,
  513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669,
  6679, 6697, 10080,
]);

/**
 * Reads `environments/<env>/environment.json`, schema-checked, with the caller's port override
 * applied (see {@link portOverrides}; a library reads no variable of the user's shell).
 */
export async function loadEnvironment(environmentsDir: string, name: EnvironmentName, ports: PortOverrides = {}): Promise<Environment> {
  const dir = join(environmentsDir, name);
  const config = await readJsonFile(join(dir, 'environment.json'), environmentConfigSchema, { what: 'environment configuration' }).catch((error: Error) => {
    throw new DeployError('ENV_INVALID', `${error.message}\nEach environment has a committed environment.json (see docs/deploy.md).`);
  });
  if (config.name !== name) throw new DeployError('ENV_INVALID', `${join(dir, 'environment.json')} says it is ${config.name}, but it is in the folder of ${name}.`);
  const port = ports[name];
  if (port !== undefined) config.port = port;
  return { dir, config };
}

/** Reads the promotion policy of an environment: `environments/<env>/promotion.json`. */
export function loadPromotionPolicy(environmentsDir: string, name: EnvironmentName): Promise<PromotionPolicy> {
  const path = join(environmentsDir, name, 'promotion.json');
  return readJsonFile(path, promotionPolicySchema, { what: 'promotion policy' }).catch((error: Error) => {
    throw new DeployError('ENV_INVALID', `${error.message}\nProduction's promotion policy is committed; restore it with git checkout -- ${path}.`);
  });
}
