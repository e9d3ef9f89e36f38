// An independent verifier of IlmEnergy uplinks (docs/protocol.md), written from the spec with
// non-.NET libraries: `cbor` for CBOR and `@noble/ed25519` for signatures. It returns the reason
// name of docs/protocol.md §6, or null when the message is accepted, plus the decoded payload.
import cbor from 'cbor';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';

ed.hashes.sha512 = sha512;

export const MAX_MESSAGE_BYTES = 4096;
export const MAX_SAMPLES = 120;
const COSE_SIGN1_TAG = 18;
const PROTECTED_HEADER = Buffer.from('a10127', 'hex'); // {1: -8}

// Keys allowed per payload kind (docs/protocol.md §3), required ones first.
const SCHEMA = {
  1: { required: [0, 1, 2, 3, 4, 5, 6, 7], optional: [8, 9] },
  2: { required: [0, 1, 3, 4, 5, 6, 10, 11], optional: [] },
  3: { required: [0, 1, 20, 21, 22, 23, 24, 25, 26, 27], optional: [] },
};

/** Decodes exactly one deterministic CBOR item or throws. */
function decodeDeterministic(bytes) {
  const items = cbor.decodeAllSync(bytes);
  if (items.length !== 1) throw new Error(`expected one item, found ${items.length}`);
  const reencoded = cbor.encodeCanonical(items[0]);
  if (!Buffer.from(reencoded).equals(Buffer.from(bytes))) throw new Error('not deterministically encoded');
  return items[0];
}

const isBytes = (x) => x instanceof Uint8Array;
const isUint = (x) => (typeof x === 'number' && Number.isInteger(x) && x >= 0) || (typeof x === 'bigint' && x >= 0n);
const num = (x) => (typeof x === 'bigint' ? Number(x) : x);

export function sigStructure(payload) {
  return cbor.encodeCanonical(['Signature1', PROTECTED_HEADER, Buffer.alloc(0), Buffer.from(payload)]);
}

/** @returns {{reason: string|null, kid?: Uint8Array, payload?: Map}} */
export function verify(messageBytes) {
  const bytes = Buffer.from(messageBytes);
  if (bytes.length > MAX_MESSAGE_BYTES) return { reason: 'MessageTooLarge' };
  let envelope;
  try {
    envelope = decodeDeterministic(bytes);
  } catch {
    return { reason: 'MalformedCbor' };
  }
  if (!(envelope instanceof cbor.Tagged) || envelope.tag !== COSE_SIGN1_TAG) return { reason: 'NotCoseSign1' };
  const parts = envelope.value;
  if (!Array.isArray(parts) || parts.length !== 4 || !isBytes(parts[0]) || !(parts[1] instanceof Map)
      || !isBytes(parts[2]) || !isBytes(parts[3])) return { reason: 'NotCoseSign1' };
  const [protectedBytes, unprotected, payloadBytes, signature] = parts;

  let protectedHeader;
  try {
    protectedHeader = decodeDeterministic(protectedBytes);
  } catch {
    return { reason: 'NotCoseSign1' };
  }
  if (!(protectedHeader instanceof Map) || protectedHeader.size !== 1 || !protectedHeader.has(1)) return { reason: 'NotCoseSign1' };
  if (protectedHeader.get(1) !== -8) return { reason: 'UnsupportedAlgorithm' };

  if (unprotected.size !== 1 || !unprotected.has(4)) return { reason: 'BadKeyId' };
  const kid = unprotected.get(4);
  if (!isBytes(kid) || kid.length !== 32) return { reason: 'BadKeyId' };
  try {
    ed.Point.fromBytes(kid);
  } catch {
    return { reason: 'BadKeyId' };
  }

  let valid = false;
  try {
    valid = signature.length === 64 && ed.verify(signature, sigStructure(payloadBytes), kid, { zip215: false });
  } catch {
    valid = false;
  }
  if (!valid) return { reason: 'BadSignature', kid };

  let payload;
  try {
    payload = decodeDeterministic(payloadBytes);
  } catch {
    // docs/protocol.md §2: deterministic encoding is required everywhere, the payload included.
    return { reason: 'MalformedCbor', kid };
  }
  return { reason: checkPayload(payload), kid, payload };
}

function checkPayload(payload) {
  if (!(payload instanceof Map)) return 'SchemaViolation';
  const keys = [...payload.keys()];
  if (!keys.every(isUint)) return 'SchemaViolation';
  if (payload.get(1) !== 1) return isUint(payload.get(1)) ? 'UnsupportedVersion' : 'SchemaViolation';
  const schema = SCHEMA[payload.get(0)];
  if (!schema) return 'UnexpectedKind';
  for (const key of schema.required) if (!payload.has(key)) return 'SchemaViolation';
  for (const key of keys) if (!schema.required.includes(num(key)) && !schema.optional.includes(num(key))) return 'SchemaViolation';
  if (payload.get(0) !== 1) return null;

  const samples = payload.get(7);
  if (!Array.isArray(samples) || samples.length === 0) return 'SchemaViolation';
  if (samples.length > MAX_SAMPLES) return 'LimitExceeded';
  const flags = payload.get(6);
  if (!isUint(flags) || num(flags) > 0x7f) return 'SchemaViolation';
  let previous = null;
  for (const s of samples) {
    if (!Array.isArray(s) || s.length !== 6 || !isUint(s[0]) || !isUint(s[1]) || typeof num(s[2]) !== 'number'
        || !isUint(s[3]) || !isUint(s[4]) || typeof s[5] !== 'boolean') return 'SchemaViolation';
    if (previous) {
      if (num(s[0]) <= num(previous[0])) return 'SchemaViolation';
      if (num(s[1]) < num(previous[1]) && (num(flags) & 0x02) === 0) return 'SchemaViolation';
    }
    previous = s;
  }
  return null;
}
