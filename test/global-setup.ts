// CLI tests run the compiled program exactly as a user would (bin/perceptron-sim.js -> dist/).
// Build once before the suite so they test the current sources. --noCheck: type errors are lint's job;
// here they must not stop the tests of unrelated code from running.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--noCheck'], { stdio: 'inherit' });
}
