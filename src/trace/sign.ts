/**
 * Signed traces: real tamper-evidence on top of the hash chain.
 *
 * The chain and the closing digest are unkeyed SHA-256: they catch accidental damage (a cut, a
 * flipped byte, a botched copy), but anyone who edits a trace can recompute them. A signature needs
 * the private key: `--sign KEY.pem` (an Ed25519 private key in PEM) puts an Ed25519 signature into the
 * closing line, over a short statement of the trace's digest, counts and status; `replay
 * --verify-signature PUB.pem` checks it with the public key. Because the closing digest covers every
 * byte before the closing line, the signature covers the whole trace; a truncated trace has no closing
 * line and so no signature, and fails the check.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { UserError } from '../errors.js';
import { readTextFile } from '../util/json-file.js';
import type { TraceEnd } from './format.js';
import { checkTrace, type TraceCheck } from './reader.js';

/** A PEM key is a few hundred bytes; anything larger is the wrong file. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/** Minor version written by a signed trace: the closing line gains `signature` and `key`. */
/** The first version with signatures (traces are written at the current version, signed or not). */
export const SIGNED_TRACE_VERSION = '1.1';

/** What is signed: the closing line's facts, one per line, under a fixed title (no JSON ambiguity). */
export function signedStatement(end: Pick<TraceEnd, 'digest' | 'steps' | 'epochs' | 'status'>): Buffer {
  return Buffer.from(
    `perceptron-sim-trace signature 1\ndigest ${end.digest}\nsteps ${end.steps}\nepochs ${end.epochs}\nstatus ${end.status}\n`,
  );
}

/** First 16 hex digits of the SHA-256 of the public key (SPKI DER): names the key in the trace. */
export function keyId(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(pub.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

function requireEd25519(key: KeyObject, file: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new UserError(
      `${file}: expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'a symmetric key'}`,
      'generate one with: openssl genpkey -algorithm ed25519 -out trace-key.pem',
    );
  }
  return key;
}

/** Load an Ed25519 private key (PEM) for `--sign`; bad input is a UserError naming the file. */
export function loadSigningKey(file: string, flag = '--sign'): KeyObject {
  const pem = readTextFile(file, `${flag} key`, MAX_KEY_FILE_BYTES);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new UserError(
      `${file}: ${flag}: not a PEM private key`,
      'generate one with: openssl genpkey -algorithm ed25519 -out trace-key.pem',
    );
  }
  return requireEd25519(key, file);
}

/** Load an Ed25519 public key (PEM; a private key PEM also works, its public half is used). */
export function loadVerifyKey(file: string, flag = '--verify-signature'): KeyObject {
  const pem = readTextFile(file, `${flag} key`, MAX_KEY_FILE_BYTES);
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new UserError(
      `${file}: ${flag}: not a PEM public key`,
      'extract it with: openssl pkey -in trace-key.pem -pubout -out trace-key.pub.pem',
    );
  }
  return requireEd25519(key, file);
}

/** The closing line's extra fields for a signed trace: `,"key":"…","signature":"…"` (base64). */
export function signatureFields(
  key: KeyObject,
  end: Pick<TraceEnd, 'digest' | 'steps' | 'epochs' | 'status'>,
): string {
  const signature = sign(null, signedStatement(end), key).toString('base64');
  return `,"key":"${keyId(key)}","signature":"${signature}"`;
}

/** Whether `signature` (base64) is a valid signature of the closing line's facts under `key`. */
export function signatureValid(key: KeyObject, end: TraceEnd, signature: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return verify(null, signedStatement(end), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Exit 3, like a `--verify` mismatch: the trace is not what the key holder signed. */
export class SignatureMismatchError extends UserError {
  override readonly exitCode: number = 3;
  constructor(message: string, suggestion?: string) {
    super(message, suggestion);
    this.name = 'SignatureMismatchError';
  }
}

/**
 * `replay --verify-signature`: read the whole trace (checksums included) and check the closing
 * line's signature with `key`. Resolves with the key id; throws SignatureMismatchError (exit 3) for
 * a trace that is altered, truncated, unsigned or signed by another key, and a UserError (exit 2)
 * for one that is not a trace at all.
 */
export function verifyTraceSignature(file: string, key: KeyObject): { keyId: string; check: TraceCheck } {
  const { check } = checkTrace(file);
  const id = keyId(key);
  const end = check.end;
  if (check.integrity === 'tampered')
    throw new SignatureMismatchError(`${file}: signature not verified: ${check.message}`);
  if (end === null)
    throw new SignatureMismatchError(
      `${file}: signature not verified: the trace has no closing line (${check.message}), so no signature`,
    );
  if (end.signature === undefined)
    throw new SignatureMismatchError(
      `${file}: signature not verified: the trace is not signed`,
      'record it with --sign KEY.pem',
    );
  if (end.key !== undefined && end.key !== id)
    throw new SignatureMismatchError(
      `${file}: signature not verified: signed with key ${end.key}, and the key given is ${id}`,
    );
  if (!signatureValid(key, end, end.signature))
    throw new SignatureMismatchError(
      `${file}: signature not verified: the signature does not match the trace's digest, counts and status; the trace was altered after signing`,
    );
  return { keyId: id, check };
}
