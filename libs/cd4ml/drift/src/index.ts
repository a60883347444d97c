export { psi } from './psi.ts';
