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

/** Reads `environments/<env>/environment.json`, schema-checked, with the port override applied. */
export async function loadEnvironment(environmentsDir: string, name: EnvironmentName): Promise<Environment> {
  const dir = join(environmentsDir, name);
  const config = await readJsonFile(join(dir, 'environment.json'), environmentConfigSchema, { what: 'environment configuration' }).catch((error: Error) => {
    throw new DeployError('ENV_INVALID', `${error.message}\nEach environment has a committed environment.json (see docs/deploy.md).`);
  });
  if (config.name !== name) throw new DeployError('ENV_INVALID', `${join(dir, 'environment.json')} says it is ${config.name}, but it is in the folder of ${name}.`);
  const override = process.env[`CD4ML_${name.toUpperCase()}_PORT`];
  if (override !== undefined) {
    const port = Number(override);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new DeployError('ENV_INVALID', `CD4ML_${name.toUpperCase()}_PORT=${override} is not a port (1-65535).`);
    config.port = port;
  }
  return { dir, config };
}

/** Reads the promotion policy of an environment: `environments/<env>/promotion.json`. */
export function loadPromotionPolicy(environmentsDir: string, name: EnvironmentName): Promise<PromotionPolicy> {
  const path = join(environmentsDir, name, 'promotion.json');
  return readJsonFile(path, promotionPolicySchema, { what: 'promotion policy' }).catch((error: Error) => {
    throw new DeployError('ENV_INVALID', `${error.message}\nProduction's promotion policy is committed; restore it with git checkout -- ${path}.`);
  });
}
