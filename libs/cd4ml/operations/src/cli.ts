import { runMain } from '@cd4ml/cli';
import { Command } from '@commander-js/extra-typings';
import { feedbackCommand } from './feedback/feedback-command.ts';
import { monitorCommand } from './monitor/monitor-command.ts';
import { simulateCommand } from './simulate/simulate-command.ts';

// The production loop's command lines, the same for every domain. The Nx plugin infers <app>:monitor,
// <app>:feedback and <app>:simulate from an app's cd4ml.json and runs them through this file.
await runMain(async () => {
  const program = new Command('cd4ml-operations')
    .description("Production operations of a cd4ml app: monitor, feedback, simulate. Run them through Nx: npx nx run <app>:<stage> (the app's cd4ml.json declares what they need).")
    .showHelpAfterError();
  monitorCommand(program);
  feedbackCommand(program);
  await simulateCommand(program, process.argv);
  await program.parseAsync();
});
