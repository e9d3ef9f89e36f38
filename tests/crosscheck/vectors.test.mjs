// Checks tests/vectors/uplink-v1.json with an implementation that shares no code with .NET:
// keys derive from seeds, device ids are Base58 of keys, every valid message verifies and decodes
// to the documented fields, and every invalid one is refused for the documented reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import bs58 from 'bs58';
import * as ed from '@noble/ed25519';
import cbor from 'cbor';
import { verify, sigStructure } from './ilm-verify.mjs';

const vectors = JSON.parse(readFileSync(new URL('../vectors/uplink-v1.json', import.meta.url)));
const hex = (s) => Buffer.from(s, 'hex');
const plain = (x) => (typeof x === 'bigint' ? Number(x) : x);

test('vector file has the expected shape', () => {
  assert.equal(vectors.protocolVersion, 1);
  assert.ok(vectors.valid.length >= 6);
  assert.ok(vectors.invalid.length >= 10);
});

for (const key of vectors.keys) {
  test(`key ${key.name}: public key and Base58 id derive from the seed`, async () => {
    const publicKey = await ed.getPublicKeyAsync(hex(key.seedHex));
    assert.equal(Buffer.from(publicKey).toString('hex'), key.publicKeyHex);
    assert.equal(bs58.encode(publicKey), key.base58);
  });
}

const readingsFields = { 0: 'kind', 1: 'version', 2: 'seq', 3: 'boot', 4: 'board', 5: 'fw', 6: 'flags', 7: 'samples', 8: 'dropped', 9: 'dr' };
const helloFields = { 0: 'kind', 1: 'version', 3: 'boot', 4: 'board', 5: 'fw', 6: 'flags', 10: 'time', 11: 'nextSeq' };
const commandFields = { 0: 'kind', 1: 'version', 20: 'commandId', 22: 'action', 23: 'start', 24: 'end', 25: 'issued', 26: 'expires', 27: 'eventId' };

for (const vector of vectors.valid) {
  test(`valid ${vector.name}: verifies and decodes to the documented fields`, () => {
    const message = hex(vector.messageHex);
    assert.equal(message.length, Number(vector.sizeBytes));
    const result = verify(message);
    assert.equal(result.reason, null, `refused with ${result.reason}`);
    assert.equal(Buffer.from(result.kid).toString('hex'), vector.publicKeyHex);
    assert.equal(bs58.encode(result.kid), vector.deviceId);
    assert.equal(cbor.encodeCanonical(result.payload).toString('hex'), vector.payloadHex);

    const names = vector.kind === 'readings' ? readingsFields : vector.kind === 'hello' ? helloFields : commandFields;
    for (const [key, name] of Object.entries(names)) {
      const actual = result.payload.get(Number(key));
      if (actual === undefined) { assert.equal(vector.expected[name], undefined, `${name} missing`); continue; }
      const normalised = JSON.parse(JSON.stringify(actual, (_, v) => plain(v)));
      assert.deepEqual(normalised, vector.expected[name], name);
    }
    if (vector.kind === 'dr-command') {
      assert.equal(Buffer.from(result.payload.get(21)).toString('hex'), vector.expected.deviceHex);
    }
  });
}

for (const vector of vectors.invalid) {
  test(`invalid ${vector.name}: refused as ${vector.expectedReason}`, () => {
    assert.equal(verify(hex(vector.messageHex)).reason, vector.expectedReason);
  });
}

test('one flipped bit anywhere in a valid message is never accepted', () => {
  const message = hex(vectors.valid[0].messageHex);
  for (let bit = 0; bit < message.length * 8; bit++) {
    const mutated = Buffer.from(message);
    mutated[bit >> 3] ^= 1 << (bit & 7);
    assert.notEqual(verify(mutated).reason, null, `bit ${bit} flipped was accepted`);
  }
});

test('the signature covers the RFC 9052 Sig_structure', () => {
  const vector = vectors.valid[0];
  const structure = Buffer.from(sigStructure(hex(vector.payloadHex)));
  assert.equal(structure.subarray(0, 17).toString('hex'), '846a5369676e61747572653143a1012740');
});
