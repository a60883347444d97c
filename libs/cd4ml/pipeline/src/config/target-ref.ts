import { z } from 'zod';

/** A target of some project: a stage (declared or inferred) or a target inferred from its files (`test`). */
export interface TargetRef {
  project: string;
  stage: string;
}

const PATTERN = /^(?:([a-z0-9@/_.-]+):)?([a-z][a-z0-9-]*)$/;

/** `stage` (this project) or `project:stage`, checked when a file is read. */
export const targetRefSchema = z.string().regex(PATTERN, 'a reference is "stage" or "project:stage", e.g. "sales-model:gate"');
/** `project:stage`, the project always named (pipeline.json, a model an app serves). */
export const qualifiedRefSchema = z.string().regex(/^[a-z0-9@/_.-]+:[a-z][a-z0-9-]*$/, 'a reference is "project:stage", e.g. "sales-model:gate"');

/**
 * The one place a `project:stage` string becomes `{ project, stage }`; a bare `stage` belongs to
 * `owner`. The schemas above already checked the shape when the file was read.
 *
 * @throws RangeError for a string the schemas would have refused (a bug, not a user error)
 */
export function parseTargetRef(ref: string, owner?: string): TargetRef {
  const match = PATTERN.exec(ref);
  const project = match?.[1] ?? owner;
  if (!match || project === undefined) throw new RangeError(`"${ref}" is not a target reference ("project:stage"${owner === undefined ? '' : ' or "stage"'})`);
  return { project, stage: match[2]! };
}

/** `project:stage`, as Nx names a task. */
export const formatTargetRef = (ref: TargetRef): string => `${ref.project}:${ref.stage}`;
