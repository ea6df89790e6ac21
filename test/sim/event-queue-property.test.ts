/**
 * The kernel's fast queue (typed arrays, lanes for batches) against the reference queue (a plain
 * binary heap of objects, src/sim/reference-queue.ts): for random schedules, with many events at
 * equal times and priorities and runs of one (time, priority) that go to the lanes, both pop the
 * same events in the same order, `popAt` refuses the same ones, and `peekTime` agrees throughout.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventKind, EventQueue } from '../../src/sim/event-queue.js';
import { ReferenceEventQueue } from '../../src/sim/reference-queue.js';

/** Few distinct times and priorities, so ties are the rule; `run` pushes a batch of one key. */
const op = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ push: fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: -1, max: 2 })) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      run: fc.tuple(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: -1, max: 2 }),
        fc.integer({ min: 2, max: 40 }),
      ),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ pop: true as const }) },
  { weight: 2, arbitrary: fc.record({ popAt: fc.integer({ min: -1, max: 6 }) }) },
);

type Queue = EventQueue | ReferenceEventQueue;

function read(q: Queue, slot: number): number[] | null {
  return slot < 0
    ? null
    : [q.timeOf(slot), q.priorityOf(slot), q.kindOf(slot), q.targetOf(slot), q.valueOf(slot)];
}

describe('EventQueue against the reference binary heap', () => {
  it('the reference pops in (time, priority, insertion) order', () => {
    const q = new ReferenceEventQueue();
    const events = [
      [2, 0],
      [1, 1],
      [1, 0],
      [2, 0],
      [1, 0],
    ];
    events.forEach(([t, p], id) => q.push(t, p, EventKind.Wake, id, id));
    const order: number[] = [];
    for (let h = q.pop(); h >= 0; h = q.pop()) order.push(q.valueOf(h));
    expect(order).toEqual([2, 4, 1, 0, 3]);
  });

  it('pops the same events in the same order for random schedules with ties', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const fast = new EventQueue();
        const ref = new ReferenceEventQueue();
        let id = 0;
        const push = (time: number, priority: number) => {
          const kind = id % 3 === 0 ? EventKind.NetChange : id % 3 === 1 ? EventKind.Wake : EventKind.Action;
          fast.push(time, priority, kind, id % 7, id);
          ref.push(time, priority, kind, id % 7, id);
          id++;
        };
        for (const o of ops) {
          if ('push' in o) push(o.push[0], o.push[1]);
          else if ('run' in o) for (let k = 0; k < o.run[2]; k++) push(o.run[0], o.run[1]);
          else if ('pop' in o) expect(read(fast, fast.pop())).toEqual(read(ref, ref.pop()));
          else expect(read(fast, fast.popAt(o.popAt))).toEqual(read(ref, ref.popAt(o.popAt)));
          expect(fast.size).toBe(ref.size);
          expect(fast.peekTime()).toBe(ref.peekTime());
        }
        while (ref.size > 0) expect(read(fast, fast.pop())).toEqual(read(ref, ref.pop()));
        expect(fast.size).toBe(0);
      }),
      { numRuns: 120 },
    );
  });
});
