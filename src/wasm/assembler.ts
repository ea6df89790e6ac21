/**
 * A small WebAssembly assembler: opcodes as bytes and a module builder, for the SIMD kernels of
 * src/backprop/simd.ts and src/wasm/perceptron.ts.
 *
 * Why bytes in TypeScript rather than WAT assembled by wabt or binaryen at build time: the kernels
 * are a few hundred instructions, the module is built at load time in microseconds, and a fresh clone
 * needs no extra tool or generated file (the build stays `tsc`). The opcodes are those of the
 * WebAssembly core specification §5.4 and its fixed-width SIMD extension.
 */

export const BLOCK = 0x02;
export const LOOP = 0x03;
export const IF = 0x04;
export const ELSE = 0x05;
export const END = 0x0b;
export const BR = 0x0c;
export const BR_IF = 0x0d;
export const SELECT = 0x1b;
export const VOID = 0x40;
export const LOCAL_GET = 0x20;
export const LOCAL_SET = 0x21;
export const LOCAL_TEE = 0x22;
export const I32_LOAD = 0x28;
export const F64_LOAD = 0x2b;
export const F64_STORE = 0x39;
export const I32_CONST = 0x41;
export const F64_CONST = 0x44;
export const I32_EQZ = 0x45;
export const I32_LT_U = 0x49;
export const I32_GE_U = 0x4f;
export const F64_EQ = 0x61;
export const F64_NE = 0x62;
export const F64_LT = 0x63;
export const F64_GT = 0x64;
export const I32_ADD = 0x6a;
export const I32_SUB = 0x6b;
export const I32_MUL = 0x6c;
export const F64_ADD = 0xa0;
export const F64_MUL = 0xa2;
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export const SIMD = 0xfd;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

export const get = (l: number) => [LOCAL_GET, ...uleb(l)];
export const set = (l: number) => [LOCAL_SET, ...uleb(l)];
export const tee = (l: number) => [LOCAL_TEE, ...uleb(l)];
export const i32 = (v: number) => [I32_CONST, ...sleb(v)];
export const f64 = (v: number) => [F64_CONST, ...new Uint8Array(Float64Array.of(v).buffer)];
/** Scalar memory ops: address on the stack, natural alignment, byte offset immediate. */
export const i32Load = (offset = 0) => [I32_LOAD, 2, ...uleb(offset)];
export const f64Load = (offset = 0) => [F64_LOAD, 3, ...uleb(offset)];
export const f64Store = (offset = 0) => [F64_STORE, 3, ...uleb(offset)];
export const simd = (op: number) => [SIMD, ...uleb(op)];
/** v128 ops with a memory argument: address on the stack, byte offset immediate. */
export const v128Load = (offset: number) => [...simd(0x00), 4, ...uleb(offset)];
export const v128Store = (offset: number) => [...simd(0x0b), 4, ...uleb(offset)];
export const load64Splat = (offset: number) => [...simd(0x0a), 3, ...uleb(offset)];
/** [0, 0] with memory[addr] in lane 0. */
export const load64Zero = (offset: number) => [...simd(0x5d), 3, ...uleb(offset)];
/** (addr, v) → v with lane `lane` replaced by memory[addr]. */
export const load64Lane = (offset: number, lane: number) => [...simd(0x57), 3, ...uleb(offset), lane];
export const f64x2Splat = simd(0x14);
export const f64x2ExtractLane = (lane: number) => [...simd(0x21), lane];
export const f64x2Eq = simd(0x47);
export const v128Bitselect = simd(0x52);
export const f64x2Add = simd(0xf0);
export const f64x2Mul = simd(0xf2);
export const v128Zero = [...simd(0x0c), ...new Array<number>(16).fill(0)];
/** `local += step` for an i32 local. */
export const addTo = (l: number, step: number[]) => [...get(l), ...step, I32_ADD, ...set(l)];

/** `for (; counter < limit; counter += step) body` with the counter already set (unsigned). */
export function forLoop(counter: number, limit: number, step: number[], body: number[]): number[] {
  return [
    BLOCK,
    VOID,
    LOOP,
    VOID,
    ...get(counter),
    ...get(limit),
    I32_GE_U,
    BR_IF,
    1,
    ...body,
    ...addTo(counter, step),
    BR,
    0,
    END,
    END,
  ];
}

/** One exported function: parameter types, local declarations as (count, type) pairs, and code. */
export interface WasmFunction {
  name: string;
  params: number[];
  locals: number[];
  code: number[];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function vector(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** A module importing `env.memory` (at least one page) and exporting `funcs`, none returning a value. */
export function moduleBytes(funcs: readonly WasmFunction[]): Uint8Array {
  const name = (s: string) => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
  const types = vector(funcs.map((f) => [0x60, ...vector(f.params.map((p) => [p])), 0]));
  const imports = vector([[...name('env'), ...name('memory'), 0x02, 0x00, 1]]);
  const functions = vector(funcs.map((_, k) => uleb(k)));
  const exports = vector(funcs.map((f, k) => [...name(f.name), 0x00, ...uleb(k)]));
  const bodies = vector(
    funcs.map((f) => {
      const locals = [...uleb(f.locals.length / 2), ...f.locals.flatMap((v) => uleb(v))];
      const body = [...locals, ...f.code, END];
      return [...uleb(body.length), ...body];
    }),
  );
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, types),
    ...section(2, imports),
    ...section(3, functions),
    ...section(7, exports),
    ...section(10, bodies),
  ]);
}

/** The part of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (d: { initial: number; maximum?: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: unknown };
}

export const PAGE = 65536;

/**
 * Whether WebAssembly kernels may run: false when `PERCEPTRON_SIM_WASM=0` (read once), or after
 * `setWasmEnabled(false)`. The JavaScript kernels then run everywhere, with the same results.
 */
let wasmSwitch: boolean | undefined;
export function wasmEnabled(): boolean {
  if (wasmSwitch === undefined) {
    const env = typeof process === 'undefined' ? undefined : process.env.PERCEPTRON_SIM_WASM;
    wasmSwitch = env !== '0' && env !== 'false' && env !== 'off';
  }
  return wasmSwitch;
}
export function setWasmEnabled(on: boolean): void {
  wasmSwitch = on;
}

const compiled = new Map<string, object | null>();

/**
 * A new memory of `pages` pages with the module `key` (built once by `build`) instantiated on it, or
 * null where WebAssembly SIMD is missing. The memory is never grown by the kernels, so views of it
 * stay valid.
 */
export function instantiate<T>(
  key: string,
  build: () => Uint8Array,
  pages: number,
): { memory: WasmMemory; exports: T } | null {
  const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return null;
  let module = compiled.get(key);
  if (module === undefined) {
    try {
      module = new wasm.Module(build());
    } catch {
      module = null;
    }
    compiled.set(key, module);
  }
  if (module === null) return null;
  const memory = new wasm.Memory({ initial: Math.max(1, pages) });
  return { memory, exports: new wasm.Instance(module, { env: { memory } }).exports as T };
}
