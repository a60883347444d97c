export { simulation } from './simulation.ts';
