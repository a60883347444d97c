// The in-workspace generators: `npx plop` asks what to add; `npm run generate -- <generator> --name ...`
// takes every answer as a flag. They are TypeScript (generators/plop/src), loaded through tsx.
import { register } from 'tsx/esm/api';

register();
const { default: plopfile } = await import('./generators/plop/src/plopfile.ts');

export default plopfile;
