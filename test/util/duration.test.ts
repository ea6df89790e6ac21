import { describe, expect, it } from 'vitest';
import { formatHardwareSeconds, significant } from '../../src/util/duration.js';
import { runExperiment } from '../../src/experiments/run.js';
import { renderExperimentReport } from '../../src/report/experiment.js';
import { findExperiment } from '../../src/experiments/registry.js';
import { Chalk } from 'chalk';

describe('hardware times are shown to the precision of their assumptions', () => {
  it('two significant figures, no exponent', () => {
    expect(significant(270.17, 2)).toBe('270');
    expect(significant(45.71, 2)).toBe('46');
    expect(significant(4.729, 2)).toBe('4.7');
    expect(significant(0.004567, 2)).toBe('0.0046');
  });

  it('labelled as resting on assumed timings, in a readable unit', () => {
    expect(formatHardwareSeconds(2742.6)).toBe('≈ 46 min (assumed timings)');
    expect(formatHardwareSeconds(17024.6)).toBe('≈ 4.7 h (assumed timings)');
    expect(formatHardwareSeconds(972633)).toBe('≈ 270 h (assumed timings)');
    expect(formatHardwareSeconds(8.083)).toBe('≈ 8.1 s (assumed timings)');
  });

  it('the terminal report of a Mark I run says so; its JSON keeps the full number', () => {
    const exp = findExperiment('mark1-left-right');
    const report = runExperiment(exp, { seed: 1, mode: 'fast' });
    const text = renderExperimentReport(report, new Chalk({ level: 0 }));
    const hw = report.timing.hardwareSeconds as number;
    expect(text).toContain(`would have needed ${formatHardwareSeconds(hw)}`);
    expect(text).not.toContain(String(hw));
  });
});
