import type { ViteUserConfig } from 'vitest/config';
import type { TestUserConfig } from 'vitest/node';

/**
 * The vitest configuration every project of the layout shares: tests beside the code, generous
 * timeouts for tests that run real CLIs, and a temporary-folder sandbox removed after the run.
 * A project passes only what is its own.
 */
export function projectTestConfig(own?: TestUserConfig): ViteUserConfig;
