/**
 * The reference event queue: a plain binary min-heap of event objects ordered by (time, priority,
 * insertion order), with the interface of the kernel's `EventQueue`.
 *
 * The kernel exists for fidelity, not speed (speed goes to the dense engine, docs/architecture.md):
 * this is the queue's definition, short enough to check by eye. `EventQueue` (event-queue.ts) adds
 * typed-array storage and lanes for batches; test/sim/event-queue-property.test.ts checks that it
 * pops exactly what this one pops for random schedules, ties in time and priority included. New
 * speed work in src/sim belongs nowhere: keep the fast queue as it is or replace it by this one.
 */
import type { EventKind } from './event-queue.js';

interface QueuedEvent {
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
  readonly kind: EventKind;
  readonly target: number;
  readonly value: number;
}

/** Whether event a fires before event b. */
function before(a: QueuedEvent, b: QueuedEvent): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

export class ReferenceEventQueue {
  private heap: QueuedEvent[] = [];
  private insertions = 0;
  /** The events popped, by the handle `pop` returned (a handle is valid until the next `push`). */
  private popped: QueuedEvent[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(time: number, priority: number, kind: EventKind, target: number, value: number): void {
    this.popped = [];
    const heap = this.heap;
    heap.push({ time, priority, seq: this.insertions++, kind, target, value });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.heap.length === 0 ? Infinity : this.heap[0].time;
  }

  /** Remove the earliest event and return a handle to read it by; −1 when empty. */
  pop(): number {
    return this.popAt(Infinity);
  }

  /** `pop` if the earliest event is due at or before `time`; otherwise −1, nothing removed. */
  popAt(time: number): number {
    const heap = this.heap;
    if (heap.length === 0 || heap[0].time > time) return -1;
    const top = heap[0];
    const last = heap.pop() as QueuedEvent;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let c = i;
        if (l < heap.length && before(heap[l], heap[c])) c = l;
        if (r < heap.length && before(heap[r], heap[c])) c = r;
        if (c === i) break;
        [heap[i], heap[c]] = [heap[c], heap[i]];
        i = c;
      }
    }
    this.popped.push(top);
    return this.popped.length - 1;
  }

  timeOf(handle: number): number {
    return this.popped[handle].time;
  }
  kindOf(handle: number): EventKind {
    return this.popped[handle].kind;
  }
  targetOf(handle: number): number {
    return this.popped[handle].target;
  }
  valueOf(handle: number): number {
    return this.popped[handle].value;
  }
  priorityOf(handle: number): number {
    return this.popped[handle].priority;
  }

  clear(): void {
    this.heap = [];
    this.popped = [];
  }
}
