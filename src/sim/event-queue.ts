/**
 * The event queue: a binary min-heap ordered by (time, priority, insertion order).
 *
 * Simultaneous events therefore have one defined order and a run is reproducible bit for bit.
 * Events live in parallel typed arrays (a struct of arrays) rather than objects, so that millions of
 * events a second cost no garbage collection; slots freed by `pop` are reused.
 *
 * Zero-delay events (a part driving its output in the instant it is evaluated) are the common case in
 * a settle cascade, and they arrive already in order: same time, same priority, increasing insertion.
 * They go to a first-in-first-out list beside the heap instead of into it (no sifting), and `pop`
 * takes the smaller of the heap's top and the list's head under the same (time, priority, insertion)
 * order, so the order of events is exactly what the heap alone would give.
 */

/** What an event does when it fires; the kernel interprets `target` and `value` by kind. */
export const EventKind = {
  /** Set net `target` to `value`. */
  NetChange: 0,
  /** Re-evaluate component `target` (a component asked to be woken, e.g. a motor step). */
  Wake: 1,
  /** Run callback number `target` (stimulus actions, parameter changes). */
  Action: 2,
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

export class EventQueue {
  // Per-slot event data.
  private time = new Float64Array(1024);
  private priority = new Int32Array(1024);
  private seq = new Float64Array(1024);
  private kind = new Uint8Array(1024);
  private target = new Int32Array(1024);
  private value = new Float64Array(1024);
  /** heap[i] is a slot index. */
  private heap = new Int32Array(1024);
  /** Slots freed by `pop`, a stack: freeSlots[0 … freeCount − 1]. */
  private freeSlots = new Int32Array(1024);
  private freeCount = 0;
  private nextSlot = 0;
  private count = 0;
  private insertions = 0;
  /**
   * The same-instant list: slots fifo[fifoHead … fifoTail − 1], all of time `fifoTime` and priority
   * `fifoPriority`, in insertion order. An event joins it when it has that time and priority, or when
   * the list is empty and the event is due at the time of the last event popped (zero delay).
   */
  private fifo = new Int32Array(1024);
  private fifoHead = 0;
  private fifoTail = 0;
  private fifoTime = 0;
  private fifoPriority = 0;
  private lastPopTime = -Infinity;

  get size(): number {
    return this.count + this.fifoTail - this.fifoHead;
  }

  push(time: number, priority: number, kind: EventKind, target: number, value: number): void {
    const slot = this.allocSlot();
    this.time[slot] = time;
    this.priority[slot] = priority;
    this.seq[slot] = this.insertions++;
    this.kind[slot] = kind;
    this.target[slot] = target;
    this.value[slot] = value;
    if (this.fifoTail > this.fifoHead) {
      if (time === this.fifoTime && priority === this.fifoPriority) {
        this.append(slot);
        return;
      }
    } else if (time === this.lastPopTime) {
      this.fifoHead = this.fifoTail = 0;
      this.fifoTime = time;
      this.fifoPriority = priority;
      this.append(slot);
      return;
    }
    if (this.count === this.heap.length) this.heap = grow(this.heap, Int32Array);
    let i = this.count++;
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = this.heap[parent];
      if (!this.less(slot, p)) break;
      this.heap[i] = p;
      i = parent;
    }
    this.heap[i] = slot;
  }

  private append(slot: number): void {
    if (this.fifoTail === this.fifo.length) {
      if (this.fifoHead > 0) {
        this.fifo.copyWithin(0, this.fifoHead, this.fifoTail);
        this.fifoTail -= this.fifoHead;
        this.fifoHead = 0;
      } else {
        this.fifo = grow(this.fifo, Int32Array);
      }
    }
    this.fifo[this.fifoTail++] = slot;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    const h = this.count === 0 ? Infinity : this.time[this.heap[0]];
    if (this.fifoTail === this.fifoHead) return h;
    return this.fifoTime < h ? this.fifoTime : h;
  }

  /**
   * Remove the earliest event and return its slot; read it with `kindOf`, `targetOf`, `valueOf`
   * before the next `push` (the slot is recycled).
   */
  pop(): number {
    if (this.fifoTail > this.fifoHead) {
      const head = this.fifo[this.fifoHead];
      if (this.count === 0 || this.less(head, this.heap[0])) {
        this.fifoHead++;
        this.free(head);
        this.lastPopTime = this.fifoTime;
        return head;
      }
    }
    const top = this.heap[0];
    const last = this.heap[--this.count];
    if (this.count > 0) {
      // Sift down.
      let i = 0;
      const n = this.count;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && this.less(this.heap[r], this.heap[l])) c = r;
        const child = this.heap[c];
        if (!this.less(child, last)) break;
        this.heap[i] = child;
        i = c;
      }
      this.heap[i] = last;
    }
    this.free(top);
    this.lastPopTime = this.time[top];
    return top;
  }

  timeOf(slot: number): number {
    return this.time[slot];
  }
  kindOf(slot: number): EventKind {
    return this.kind[slot] as EventKind;
  }
  targetOf(slot: number): number {
    return this.target[slot];
  }
  valueOf(slot: number): number {
    return this.value[slot];
  }
  priorityOf(slot: number): number {
    return this.priority[slot];
  }

  clear(): void {
    this.count = 0;
    this.nextSlot = 0;
    this.freeCount = 0;
    this.fifoHead = this.fifoTail = 0;
    this.lastPopTime = -Infinity;
  }

  private less(a: number, b: number): boolean {
    const ta = this.time[a];
    const tb = this.time[b];
    if (ta !== tb) return ta < tb;
    const pa = this.priority[a];
    const pb = this.priority[b];
    if (pa !== pb) return pa < pb;
    return this.seq[a] < this.seq[b];
  }

  private free(slot: number): void {
    if (this.freeCount === this.freeSlots.length) this.freeSlots = grow(this.freeSlots, Int32Array);
    this.freeSlots[this.freeCount++] = slot;
  }

  private allocSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount];
    if (this.nextSlot === this.time.length) {
      this.time = grow(this.time, Float64Array);
      this.priority = grow(this.priority, Int32Array);
      this.seq = grow(this.seq, Float64Array);
      this.kind = grow(this.kind, Uint8Array);
      this.target = grow(this.target, Int32Array);
      this.value = grow(this.value, Float64Array);
    }
    return this.nextSlot++;
  }
}

type TypedArray = Float64Array | Int32Array | Uint8Array;
function grow<T extends TypedArray>(a: T, ctor: new (n: number) => T): T {
  const b = new ctor(a.length * 2);
  b.set(a);
  return b;
}
