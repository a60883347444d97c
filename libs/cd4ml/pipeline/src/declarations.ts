// What other platform packages read of a project's declarations (the deploy lib's build, the
// operations CLIs), without loading the runner or the Nx plugin.
export { feedbackDeclarationSchema, monitorDeclarationSchema, releaseDeclarationSchema, simulateDeclarationSchema, smokeDeclarationSchema, type ReleaseDeclaration, type SmokeDeclaration } from './config/operations-declarations.ts';
export { PRODUCTION } from './config/inferred-stages.ts';
export { loadProject, loadWorkspaceProjects, type WorkspaceProject } from './config/workspace-projects.ts';
export { modelPaths, renderStage, type PathMap, type RenderedStage } from './config/render-stage.ts';
export { formatTargetRef, parseTargetRef, type TargetRef } from './config/target-ref.ts';
