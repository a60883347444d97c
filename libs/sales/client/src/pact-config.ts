import { fileURLToPath } from 'node:url';

/** The provider name every consumer's pact names, and the app's verification looks for. */
export const PROVIDER_NAME = 'sales-web';

/** Where consumer tests write pact files and the provider reads them: `<workspace>/pacts`. */
export const pactDir = fileURLToPath(new URL('../../../../pacts', import.meta.url));
