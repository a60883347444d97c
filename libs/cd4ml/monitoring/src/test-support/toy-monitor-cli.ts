import { readYamlFile } from '@cd4ml/fs';
import { z } from 'zod';
import { monitorCli } from '../cli/monitor-cli.ts';
import { monitorSettingsSchema } from '../settings.ts';
import { toyDomain } from './toy-traffic.ts';

// The platform's monitor CLI wired to the toy domain of the tests, as a domain wires it.
await monitorCli({
  model: 'toy-rentals',
  spec: z.unknown(),
  domain: () => toyDomain,
  readSettings: async (path) => (await readYamlFile(path, z.object({ monitoring: monitorSettingsSchema }), { what: 'params file' })).monitoring,
  examples: 'Example:\n  toy-monitor-cli --model model --predictions predictions.jsonl --actuals actuals.jsonl --params params.yaml --out reports',
});
