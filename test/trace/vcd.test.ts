import { describe, expect, it } from 'vitest';
import VCDParser from 'vcd-parser';
import { validateCircuit } from '../../src/netlist/load.js';
import { runCircuit } from '../../src/netlist/run.js';
import { validateStimulus } from '../../src/netlist/stimulus.js';
import { VcdWriter, vcdIdentifier, vcdTimescale } from '../../src/trace/vcd.js';

interface ParsedSignal {
  name: string;
  wave: Array<[string, string]>;
}

describe('VCD writer', () => {
  it('chooses IEEE 1364 timescales from the tick', () => {
    expect(vcdTimescale(1e-6)).toEqual({ timescale: '1 us', ticksToUnits: 1 });
    expect(vcdTimescale(1e-4)).toEqual({ timescale: '100 us', ticksToUnits: 1 });
    expect(vcdTimescale(0.01)).toEqual({ timescale: '10 ms', ticksToUnits: 1 });
    expect(vcdTimescale(5e-6)).toEqual({ timescale: '1 us', ticksToUnits: 5 });
  });

  it('gives distinct printable identifiers', () => {
    const ids = Array.from({ length: 20000 }, (_, i) => vcdIdentifier(i));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[\x21-\x7e]+$/.test(id))).toBe(true);
  });

  it('round-trips a photocell circuit through an independent VCD parser', async () => {
    const circuit = validateCircuit(
      {
        tick: 1e-3,
        components: [
          { id: 'cell', type: 'photocell', params: { responseTime: 0.005 } },
          { id: 'relay', type: 'relay', params: { threshold: 0.5, pullInDelay: 0.002, dropOutDelay: 0.001 } },
        ],
        connections: [{ from: 'cell.out', to: 'relay.in' }],
      },
      'row.json',
    );
    const stimulus = validateStimulus(
      {
        events: [
          { time: 0.01, set: 'cell.illumination', value: 1 },
          { time: 0.05, set: 'cell.illumination', value: 0.25 },
        ],
      },
      'row.stimulus.json',
      circuit,
    );
    let text = '';
    const result = runCircuit(circuit, { stimulus, vcd: (t) => (text += t) });
    const parsed = (await VCDParser.parse(text)) as { timescale: string; signal: ParsedSignal[] };
    expect(parsed.timescale.trim()).toBe('1 ms');
    const wave = (name: string) =>
      parsed.signal.find((s) => s.name === name)!.wave.map(([t, v]) => [Number(t), Number(v)]);
    // Light at 10 ms reaches the cell's output after its 5 ms response time; dimmed at 50 ms.
    expect(wave('cell.out')).toEqual([
      [0, 0],
      [15, 1],
      [55, 0.25],
    ]);
    // The relay pulls in 2 ms after its input reaches the threshold and drops out 1 ms after it falls below.
    expect(wave('relay.out')).toEqual([
      [0, 0],
      [17, 1],
      [56, 0],
    ]);
    expect(result.timeTicks).toBe(56);
  });

  it('starts the dump from the settled values at time 0, without start-up delta-cycle glitches', async () => {
    const circuit = validateCircuit(
      {
        components: [
          { id: 'c', type: 'constant', params: { value: 0.5 } },
          { id: 'q', type: 'quantizer', params: { threshold: 0.5 } },
        ],
        connections: [{ from: 'c.out', to: 'q.in' }],
      },
      'q.json',
    );
    let text = '';
    runCircuit(circuit, { vcd: (t) => (text += t) });
    const parsed = (await VCDParser.parse(text)) as { signal: ParsedSignal[] };
    // Nets start at 0, so in the first delta cycle the quantizer sees 0 < θ and drives −1; the dump
    // shows only the settled +1.
    expect(parsed.signal.find((s) => s.name === 'q.out')!.wave).toEqual([['0', '1']]);
  });

  it('writes negative and fractional reals exactly (checked by re-reading the value lines)', () => {
    let text = '';
    const w = new VcdWriter((t) => (text += t), [{ scope: 'm', name: 's' }], {
      tickSeconds: 1e-6,
      version: 'test',
    });
    w.dumpInitial(0, [0]);
    w.change(3, 0, -0.1);
    w.change(3, 0, -1.5e-9);
    w.change(7, 0, 1 / 3);
    w.change(7, 0, 1 / 3); // unchanged: dropped
    w.finish(10);
    const body = text.slice(text.indexOf('$enddefinitions'));
    expect(body.split('\n').filter((l) => l.startsWith('r') || l.startsWith('#'))).toEqual([
      '#0',
      'r0 !',
      '#3',
      'r-0.1 !',
      'r-1.5e-9 !',
      '#7',
      `r${1 / 3} !`,
      '#10',
    ]);
    expect(text).toContain('$var real 64 ! s $end');
    expect(text).not.toContain('$date');
  });
});
