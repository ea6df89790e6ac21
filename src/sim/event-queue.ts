/**
 * The event queue: a binary min-heap ordered by (time, priority, insertion order).
 *
 * Simultaneous events therefore have one defined order and a run is reproducible bit for bit.
 * Events live in parallel typed arrays (a struct of arrays) rather than objects, so that millions of
 * events a second cost no garbage collection; slots freed by `pop` are reused.
 *
 * Events usually arrive in batches that are already in order: the parts a settle evaluates drive
 * their outputs at the same time (zero delay, or the same delay) with the same priority, one after
 * another. Such a batch goes to a lane, a first-in-first-out list of events of one (time, priority)
 * beside the heap, instead of into the heap (no sifting). `pop` takes the smallest of the heap's top
 * and the lanes' heads under the same (time, priority, insertion) order, so the order of events is
 * exactly what the heap alone would give.
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

/** Lanes beside the heap (see the module comment). */
const LANES = 4;

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
   * Lanes: lane k holds slots lanes[k][laneHead[k] … laneTail[k] − 1], all of time laneTime[k] and
   * priority lanePriority[k], in insertion order. An event joins the lane of its (time, priority),
   * or opens a free lane, or (all lanes busy with other keys) goes to the heap.
   */
  private lanes: Int32Array[] = Array.from({ length: LANES }, () => new Int32Array(256));
  private readonly laneHead = new Int32Array(LANES);
  private readonly laneTail = new Int32Array(LANES);
  private readonly laneTime = new Float64Array(LANES);
  private readonly lanePriority = new Int32Array(LANES);
  /** Events in lanes. */
  private laned = 0;
  /** The lane the last laned push went to. */
  private lastLane = 0;
  /**
   * A lane whose head is the earliest event, or −1. Set by a pop that took a lane's head while
   * every other lane and the heap's top came strictly later in (time, priority): the lane's next
   * events have the same (time, priority) and come later in insertion, so they stay the earliest
   * until an event goes anywhere but the end of a busy lane (`place` forgets it, since a new lane
   * or a heap entry may come first). Busy lanes have distinct (time, priority), so appending to
   * another one cannot put anything before this lane.
   */
  private current = -1;

  get size(): number {
    return this.count + this.laned;
  }

  push(time: number, priority: number, kind: EventKind, target: number, value: number): void {
    const slot = this.allocSlot();
    this.time[slot] = time;
    this.priority[slot] = priority;
    this.seq[slot] = this.insertions++;
    this.kind[slot] = kind;
    this.target[slot] = target;
    this.value[slot] = value;
    // Most pushes continue the batch of the push before.
    const last = this.lastLane;
    if (
      this.laneTail[last] > this.laneHead[last] &&
      this.laneTime[last] === time &&
      this.lanePriority[last] === priority
    ) {
      this.append(last, slot);
      return;
    }
    this.place(slot, time, priority);
  }

  /**
   * The rest of `push` for an event that does not continue the last batch: another lane, a free
   * lane, or the heap. (Its own function, so that `push` is small enough for V8 to inline it.)
   */
  private place(slot: number, time: number, priority: number): void {
    this.current = -1;
    let free = -1;
    for (let k = 0; k < LANES; k++) {
      if (this.laneTail[k] === this.laneHead[k]) {
        if (free < 0) free = k;
      } else if (this.laneTime[k] === time && this.lanePriority[k] === priority) {
        this.lastLane = k;
        this.append(k, slot);
        return;
      }
    }
    if (free >= 0) {
      this.laneHead[free] = this.laneTail[free] = 0;
      this.laneTime[free] = time;
      this.lanePriority[free] = priority;
      this.lastLane = free;
      this.append(free, slot);
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

  private append(k: number, slot: number): void {
    let lane = this.lanes[k];
    if (this.laneTail[k] === lane.length) lane = this.makeRoom(k);
    lane[this.laneTail[k]++] = slot;
    this.laned++;
  }

  /** Room at the tail of full lane `k`: its events moved to the front, or a longer lane. */
  private makeRoom(k: number): Int32Array {
    const lane = this.lanes[k];
    const head = this.laneHead[k];
    if (head > lane.length >> 1) {
      lane.copyWithin(0, head, this.laneTail[k]);
      this.laneTail[k] -= head;
      this.laneHead[k] = 0;
      return lane;
    }
    return (this.lanes[k] = grow(lane, Int32Array));
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    let t = this.count === 0 ? Infinity : this.time[this.heap[0]];
    if (this.laned > 0)
      for (let k = 0; k < LANES; k++)
        if (this.laneTail[k] > this.laneHead[k] && this.laneTime[k] < t) t = this.laneTime[k];
    return t;
  }

  /**
   * Remove the earliest event and return its slot; read it with `kindOf`, `targetOf`, `valueOf`
   * before the next `push` (the slot is recycled).
   */
  pop(): number {
    return this.popAt(Infinity);
  }

  /**
   * `pop` if the earliest event is due at or before `time`; otherwise −1 and nothing is removed
   * (one search of the lanes instead of `peekTime` followed by `pop`).
   */
  popAt(time: number): number {
    const c = this.current;
    if (c >= 0 && this.laneHead[c] < this.laneTail[c]) {
      if (this.laneTime[c] > time) return -1;
      const slot = this.lanes[c][this.laneHead[c]++];
      this.laned--;
      this.free(slot);
      return slot;
    }
    return this.popSearch(time);
  }

  /** `popAt` when `current` does not say which lane comes first. */
  private popSearch(time: number): number {
    this.current = -1;
    if (this.laned > 0) {
      // The lane whose head comes first (busy lanes have distinct (time, priority), so comparing
      // those is comparing the heads), if it comes before the heap's top.
      let best = -1;
      let bestTime = Infinity;
      let bestPriority = 0;
      for (let k = 0; k < LANES; k++) {
        if (this.laneTail[k] === this.laneHead[k]) continue;
        const t = this.laneTime[k];
        const p = this.lanePriority[k];
        if (best < 0 || t < bestTime || (t === bestTime && p < bestPriority)) {
          best = k;
          bestTime = t;
          bestPriority = p;
        }
      }
      const head = this.lanes[best][this.laneHead[best]];
      const top = this.count === 0 ? -1 : this.heap[0];
      if (top < 0 || this.less(head, top)) {
        if (bestTime > time) return -1;
        if (
          top < 0 ||
          this.time[top] > bestTime ||
          (this.time[top] === bestTime && this.priority[top] > bestPriority)
        )
          this.current = best;
        this.laneHead[best]++;
        this.laned--;
        this.free(head);
        return head;
      }
    }
    if (this.count === 0 || this.time[this.heap[0]] > time) return -1;
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
    this.current = -1;
    this.count = 0;
    this.nextSlot = 0;
    this.freeCount = 0;
    this.laneHead.fill(0);
    this.laneTail.fill(0);
    this.laned = 0;
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
    if (this.nextSlot === this.time.length) this.growSlots();
    return this.nextSlot++;
  }

  private growSlots(): void {
    this.time = grow(this.time, Float64Array);
    this.priority = grow(this.priority, Int32Array);
    this.seq = grow(this.seq, Float64Array);
    this.kind = grow(this.kind, Uint8Array);
    this.target = grow(this.target, Int32Array);
    this.value = grow(this.value, Float64Array);
  }
}

type TypedArray = Float64Array | Int32Array | Uint8Array;
function grow<T extends TypedArray>(a: T, ctor: new (n: number) => T): T {
  const b = new ctor(a.length * 2);
  b.set(a);
  return b;
}
