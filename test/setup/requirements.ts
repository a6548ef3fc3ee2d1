// vitest globalSetup: before the suite runs, one line for each thing a part of it needs and this machine
// lacks, naming it and the command that installs it. Those tests are skipped, not failed.
import { missingRequirements } from '../helpers/requirements.ts';

export default function setup(): void {
  const lines = missingRequirements();
  if (lines.length === 0) return;
  process.stderr.write(`\n${lines.join('\n')}\n\n`);
}
