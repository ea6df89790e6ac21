// Signed traces (issue 17 item 7): the unkeyed chain is defeated by recomputing it; a signature is not.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHAIN_HEX_DIGITS } from '../../src/trace/format.js';
import { checkTrace } from '../../src/trace/reader.js';
import { weightsAt } from '../../src/trace/replay.js';
import {
  SignatureMismatchError,
  loadSigningKey,
  loadVerifyKey,
  verifyTraceSignature,
} from '../../src/trace/sign.js';
import { TraceWriter } from '../../src/trace/writer.js';
import { UserError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';
import { TOY_DEFAULTS, toyHeader, toyRun } from './toy.js';

let dir: string;
let signed: string;
let unsigned: string;
let keyFile: string;
let pubFile: string;
let otherPub: string;

function pem(which: 'private' | 'public', pair = generateKeyPairSync('ed25519')): string {
  return which === 'private'
    ? pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    : pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

function writeTrace(path: string, signWith?: string): void {
  const cfg = { ...TOY_DEFAULTS, epochs: 2 };
  const w = TraceWriter.create(path, toyHeader(cfg), signWith ? { sign: loadSigningKey(signWith) } : {});
  const { weights } = toyRun(cfg, { onStep: (s) => w.step(s) });
  w.finish({ final: weights });
}

/** Re-chain a trace after an edit, as an attacker would: every chain and the digest recomputed. */
function rechain(lines: string[]): string {
  const h = createHash('sha256');
  const out: string[] = [];
  lines.forEach((line, i) => {
    let text = line;
    if (i > 0 && !line.startsWith('{"type":"end"')) {
      text = line.replace(
        /"chain":"[0-9a-f]+"/,
        `"chain":"${h.copy().digest('hex').slice(0, CHAIN_HEX_DIGITS)}"`,
      );
      // 1.2: the seal covers the line itself; an attacker recomputes it too.
      const body = text.replace(/,"seal":"[0-9a-f]+"\}$/, '}');
      const seal = h.copy().update(body).digest('hex').slice(0, CHAIN_HEX_DIGITS);
      text = text.replace(/"seal":"[0-9a-f]+"\}$/, `"seal":"${seal}"}`);
    }
    if (line.startsWith('{"type":"end"'))
      text = line.replace(/"digest":"[0-9a-f]+"/, `"digest":"${h.copy().digest('hex')}"`);
    else h.update(text + '\n');
    out.push(text);
  });
  return out.join('\n') + '\n';
}

beforeAll(() => {
  dir = tempDir();
  const pair = generateKeyPairSync('ed25519');
  keyFile = join(dir, 'key.pem');
  pubFile = join(dir, 'key.pub.pem');
  otherPub = join(dir, 'other.pub.pem');
  writeFileSync(keyFile, pem('private', pair));
  writeFileSync(pubFile, pem('public', pair));
  writeFileSync(otherPub, pem('public'));
  signed = join(dir, 'signed.jsonl');
  unsigned = join(dir, 'unsigned.jsonl');
  writeTrace(signed, keyFile);
  writeTrace(unsigned);
});

const mismatch = (f: string, key = pubFile) => {
  try {
    verifyTraceSignature(f, loadVerifyKey(key));
  } catch (err) {
    if (err instanceof SignatureMismatchError) return err;
    throw err;
  }
  throw new Error('verified');
};

describe('trace signatures', () => {
  it('a signed trace verifies with its public key (or its private key file) and reads like any other', () => {
    expect(verifyTraceSignature(signed, loadVerifyKey(pubFile)).check.integrity).toBe('ok');
    expect(verifyTraceSignature(signed, loadVerifyKey(keyFile)).check.integrity).toBe('ok');
    expect(readFileSync(signed, 'utf8')).toMatch(
      /^\{"type":"header","format":"perceptron-sim-trace","version":"1\.2"/,
    );
    expect(checkTrace(signed).check.integrity).toBe('ok');
  });

  it('unsigned traces are written at the same version (1.2) and still read', () => {
    expect(readFileSync(unsigned, 'utf8')).toMatch(/"version":"1\.2"/);
    expect(checkTrace(unsigned).check.integrity).toBe('ok');
    expect(mismatch(unsigned).message).toMatch(/not signed/);
  });

  it('an edit with recomputed checksums passes the unkeyed chain but not the signature', () => {
    const lines = readFileSync(signed, 'utf8').split('\n').slice(0, -1);
    const i = lines.findIndex((l) => l.includes('"changes":[['));
    const step = Number(/"step":(\d+)/.exec(lines[i])![1]);
    lines[i] = lines[i].replace(/"changes":\[\[(\d+),(\d+),(-?\d+),[^\],]+/, '"changes":[[$1,$2,$3,123.5');
    expect(lines[i]).toContain('123.5');
    // The final line must agree with the rebuilt weights, so the attacker drops it.
    const forged = rechain(lines.filter((l) => !l.startsWith('{"type":"final"')));
    const f = join(dir, 'forged.jsonl');
    writeFileSync(f, forged);
    // What the chain does not protect against (docs/trace-format.md): the edit reads as intact.
    expect(checkTrace(f).check.integrity).toBe('ok');
    expect(JSON.stringify(weightsAt(f, step).weights)).toContain('123.5');
    expect(mismatch(f).message).toMatch(/altered after signing/);
  });

  it('a changed status, another key, a truncated trace: exit 3', () => {
    const text = readFileSync(signed, 'utf8');
    const f1 = join(dir, 'status.jsonl');
    writeFileSync(f1, text.replace('"status":"complete"', '"status":"interrupted"'));
    expect(mismatch(f1).message).toMatch(/altered after signing/);
    expect(mismatch(signed, otherPub).message).toMatch(/signed with key [0-9a-f]{16}, and the key given is/);
    const f2 = join(dir, 'cut.jsonl');
    writeFileSync(f2, text.split('\n').slice(0, -2).join('\n') + '\n');
    const e = mismatch(f2);
    expect(e.exitCode).toBe(3);
    expect(e.message).toMatch(/no closing line/);
  });

  it('a truncated trace: its last complete line is covered by its own seal (1.2), and an edit of it is caught', () => {
    const lines = readFileSync(unsigned, 'utf8').split('\n');
    // Cut right after the first step that changed a weight: that step is the last complete line.
    const i = lines.findIndex((l) => l.includes('"changes":[['));
    const f = join(dir, 'cut2.jsonl');
    writeFileSync(f, lines.slice(0, i + 1).join('\n') + '\n');
    const { check } = checkTrace(f);
    expect(check.integrity).toBe('truncated');
    expect(check.uncoveredLine).toBeNull();
    expect(check.message).not.toMatch(/covered by no checksum/);
    // Change a weight on that last line: its chain still matches (it covers only the lines before).
    const edited = lines.slice(0, i + 1);
    edited[i] = edited[i].replace(/"changes":\[\[(\d+),(\d+),(-?\d+),[^\],]+/, '"changes":[[$1,$2,$3,123.5');
    expect(edited[i]).toContain('123.5');
    const f2 = join(dir, 'cut3.jsonl');
    writeFileSync(f2, edited.join('\n') + '\n');
    const tampered = checkTrace(f2).check;
    expect(tampered.integrity).toBe('tampered');
    expect(tampered.message).toMatch(new RegExp(`the seal on line ${i + 1} does not match`));
  });

  it('a 1.0 trace (no seals) still reads; cut short, its last complete line is named as covered by no checksum', () => {
    // Rebuild the trace as 1.0 wrote it: no seals, chains recomputed over the bytes without them.
    const lines = readFileSync(unsigned, 'utf8').split('\n').slice(0, 5);
    let prefix = lines[0].replace('"version":"1.2"', '"version":"1.0"') + '\n';
    const old = [prefix.trimEnd()];
    for (const l of lines.slice(1)) {
      const rec = JSON.parse(l);
      const withoutSeal = l.slice(0, l.length - `,"seal":"${rec.seal}"}`.length) + '}';
      const rechained = withoutSeal.replace(
        /"chain":"[0-9a-f]+"/,
        `"chain":"${createHash('sha256').update(prefix).digest('hex').slice(0, 16)}"`,
      );
      old.push(rechained);
      prefix += rechained + '\n';
    }
    const f = join(dir, 'old-cut.jsonl');
    writeFileSync(f, prefix);
    const { check } = checkTrace(f);
    expect(check.integrity).toBe('truncated');
    expect(check.uncoveredLine).toBe(5);
    expect(check.message).toMatch(/line 5, the last complete line, is covered by no checksum/);
  });

  it('keys that are not Ed25519 PEM are bad input naming the file', () => {
    const rsa = join(dir, 'rsa.pem');
    writeFileSync(
      rsa,
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'not a key\n');
    expect(() => loadSigningKey(rsa)).toThrow(/expected an Ed25519 key, got rsa/);
    expect(() => loadSigningKey(junk)).toThrow(UserError);
    expect(() => loadVerifyKey(junk)).toThrow(/not a PEM public key/);
    expect(() => loadVerifyKey(join(dir, 'missing.pem'))).toThrow(/no such file/);
  });
});
