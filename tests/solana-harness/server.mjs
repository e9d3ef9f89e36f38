#!/usr/bin/env node
// A real Solana runtime (litesvm: the SPL Token, Token-2022 and ATA programs as validators run them)
// behind a minimal JSON-RPC 2.0 front, so the C# Solana module is tested as it would talk to a node.
//
// Usage: node server.mjs [port|0] [--finality-depth N] [--exit-on-stdin-close]
// Listens on 127.0.0.1 only. When ready, prints one JSON line on stdout:
//   {"ready":true,"url":"http://127.0.0.1:PORT","port":PORT,"litesvm":"1.5.0"}
// See README.md for the methods, the chain model and the test-only harness_* methods.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { LiteSVM, FailedTransactionMetadata } from 'litesvm';
import {
  address,
  lamports,
  getBase58Decoder,
  getBase64Encoder,
  getTransactionDecoder,
  getCompiledTransactionMessageDecoder,
} from '@solana/kit';

const MAX_TX_SIZE = 1232;
const BLOCKHASH_VALIDITY = 150n; // blocks a blockhash stays valid, as on mainnet
const LAMPORTS_PER_SIGNATURE = 5000n;
const COMPUTE_BUDGET = 'ComputeBudget111111111111111111111111111111';
const TOKEN_PROGRAMS = new Set(['TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA', 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb']);

// ---- command line -------------------------------------------------------------------------
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const port = Number(args.find((a) => /^\d+$/.test(a)) ?? '0');
const finalityDepth = BigInt(option('--finality-depth', '32'));

// ---- runtime error names --------------------------------------------------------------------
// litesvm returns fieldless errors as numbers of TypeScript const enums, which do not exist at run
// time; read the names from its own declaration file so they always match the installed version.
const require = createRequire(import.meta.url);
const declarations = readFileSync(require.resolve('litesvm/dist/internal.d.ts'), 'utf8');
function enumNames(name) {
  const body = declarations.match(new RegExp(`const enum ${name} \\{([^}]*)\\}`))?.[1] ?? '';
  const names = {};
  for (const m of body.matchAll(/(\w+)\s*=\s*(\d+)/g)) names[Number(m[2])] = m[1];
  return names;
}
const TX_ERRORS = enumNames('TransactionErrorFieldless');
const IX_ERRORS = enumNames('InstructionErrorFieldless');

/** litesvm error object → the JSON a Solana RPC node reports (serde form of TransactionError). */
function errorJson(err) {
  if (typeof err === 'number') return TX_ERRORS[err] ?? `Unknown(${err})`;
  const kind = err?.constructor?.name ?? '';
  if (kind.includes('InstructionError')) {
    const inner = err.err();
    let detail;
    if (typeof inner === 'number') detail = IX_ERRORS[inner] ?? `Unknown(${inner})`;
    else if ('code' in inner) detail = { Custom: inner.code };
    else detail = { BorshIoError: inner.msg };
    return { InstructionError: [err.index, detail] };
  }
  if (kind.includes('DuplicateInstruction')) return { DuplicateInstruction: err.index };
  if (kind.includes('InsufficientFundsForRent')) return { InsufficientFundsForRent: { account_index: err.accountIndex } };
  if (kind.includes('ProgramExecutionTemporarilyRestricted')) return { ProgramExecutionTemporarilyRestricted: { account_index: err.accountIndex } };
  return String(err);
}

/** Human text like the node's "Transaction simulation failed: …" messages. */
function describe(errJson) {
  if (errJson === 'BlockhashNotFound') return 'Blockhash not found';
  if (errJson === 'AlreadyProcessed') return 'This transaction has already been processed';
  if (typeof errJson === 'string') return errJson;
  if (errJson.InstructionError) {
    const [index, detail] = errJson.InstructionError;
    const text = typeof detail === 'string' ? detail : detail.Custom !== undefined ? `custom program error: 0x${detail.Custom.toString(16)}` : JSON.stringify(detail);
    return `Error processing Instruction ${index}: ${text}`;
  }
  return JSON.stringify(errJson);
}

// Failures a validator never commits to a block (the transaction is dropped, no fee, no status).
const NOT_COMMITTED = new Set(['BlockhashNotFound', 'AlreadyProcessed', 'SignatureFailure', 'SanitizeFailure', 'AccountNotFound',
  'InsufficientFundsForFee', 'InvalidAccountForFee', 'AccountInUse', 'AccountLoadedTwice', 'MissingSignatureForFee', 'InvalidAccountIndex',
  'TooManyAccountLocks', 'UnsupportedVersion', 'WouldExceedMaxBlockCostLimit']);

// ---- chain model --------------------------------------------------------------------------
// Block height equals slot (no skipped slots). litesvm accepts only its latest blockhash, so the
// harness changes it exactly when the previous one would have expired: a blockhash handed out at
// height h is valid while height <= h + 150, as on a real cluster.
const svm = new LiteSVM().withDefaultPrograms();
let slot = 1n;
svm.warpToSlot(slot);
let blockhash = svm.latestBlockhash();
let lastValidBlockHeight = slot + BLOCKHASH_VALIDITY;
const history = new Map(); // signature → { slot, err, logs, unitsConsumed, fee, wire, price, writable }

function advance(slots) {
  slot += slots;
  svm.warpToSlot(slot);
  if (slot > lastValidBlockHeight) {
    svm.expireBlockhash();
    blockhash = svm.latestBlockhash();
    lastValidBlockHeight = slot + BLOCKHASH_VALIDITY;
  }
}

const b58 = getBase58Decoder();
const b64 = getBase64Encoder();
const txDecoder = getTransactionDecoder();
const messageDecoder = getCompiledTransactionMessageDecoder();

class RpcError extends Error {
  constructor(code, message, data) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

function context() {
  return { slot, apiVersion: '2.2.0' };
}

/** base64 wire bytes → decoded transaction with what the RPC layer needs to know about it. */
function decodeWire(base64) {
  if (typeof base64 !== 'string') throw new RpcError(-32602, 'Invalid params: transaction must be a base64 string');
  const wire = Uint8Array.from(Buffer.from(base64, 'base64'));
  if (wire.length > MAX_TX_SIZE) {
    throw new RpcError(-32602, `base64 encoded solana_transaction::versioned::VersionedTransaction too large: ${wire.length} bytes (max: encoded/raw 1644/${MAX_TX_SIZE})`);
  }
  let tx, message;
  try {
    tx = txDecoder.decode(wire); // @solana/kit's decoder: proves our C# wire format
    message = messageDecoder.decode(tx.messageBytes);
  } catch (e) {
    throw new RpcError(-32602, `invalid transaction: failed to deserialize: ${e.message}`);
  }
  const firstSigner = Object.keys(tx.signatures)[0];
  const sigBytes = tx.signatures[firstSigner];
  if (!sigBytes) throw new RpcError(-32602, 'invalid transaction: the fee payer signature is missing');
  return { wire, tx, message, signature: b58.decode(sigBytes) };
}

/** Priority price, requested compute limit and writable keys, from the compiled message. */
function inspect(message) {
  const keys = message.staticAccounts;
  const { numSignerAccounts, numReadonlySignerAccounts, numReadonlyNonSignerAccounts } = message.header;
  const writable = keys.filter((_, i) => (i < numSignerAccounts ? i < numSignerAccounts - numReadonlySignerAccounts : i < keys.length - numReadonlyNonSignerAccounts));
  let price = 0n;
  let limit = null;
  let nonBudget = 0n;
  for (const ix of message.instructions ?? []) {
    const data = ix.data ?? new Uint8Array();
    if (keys[ix.programAddressIndex] === COMPUTE_BUDGET) {
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      if (data[0] === 2 && data.length >= 5) limit = BigInt(view.getUint32(1, true));
      if (data[0] === 3 && data.length >= 9) price = view.getBigUint64(1, true);
    } else nonBudget++;
  }
  limit ??= nonBudget * 200000n > 1400000n ? 1400000n : nonBudget * 200000n;
  const fee = BigInt(numSignerAccounts) * LAMPORTS_PER_SIGNATURE + (price * limit + 999999n) / 1000000n;
  return { price, fee, writable };
}

function preflightError(errJson, meta) {
  return new RpcError(-32002, `Transaction simulation failed: ${describe(errJson)}`, {
    accounts: null,
    err: errJson,
    innerInstructions: null,
    logs: meta ? meta.logs() : [],
    replacementBlockhash: null,
    returnData: null,
    unitsConsumed: meta ? meta.computeUnitsConsumed() : 0n,
  });
}

function statusOf(entry) {
  const depth = slot - entry.slot;
  const finalized = depth >= finalityDepth;
  return {
    slot: entry.slot,
    confirmations: finalized ? null : depth,
    err: entry.err,
    status: entry.err === null ? { Ok: null } : { Err: entry.err },
    confirmationStatus: finalized ? 'finalized' : 'confirmed',
  };
}

function readAccount(addr) {
  let key;
  try {
    key = address(addr);
  } catch {
    throw new RpcError(-32602, `Invalid param: Invalid`);
  }
  const account = svm.getAccount(key);
  return account.exists ? account : null;
}

function commitmentOf(config) {
  return config?.commitment ?? 'finalized';
}

// ---- methods ------------------------------------------------------------------------------
const methods = {
  getLatestBlockhash: () => ({ context: context(), value: { blockhash, lastValidBlockHeight } }),

  getBlockHeight: () => slot,

  sendTransaction: ([base64, config = {}]) => {
    if ((config.encoding ?? 'base58') !== 'base64') throw new RpcError(-32602, 'Invalid params: this harness accepts encoding "base64" only');
    const { wire, tx, message, signature } = decodeWire(base64);
    if (history.has(signature)) {
      if (config.skipPreflight) return signature;
      throw preflightError('AlreadyProcessed', null);
    }
    if (!config.skipPreflight) {
      const simulated = svm.simulateTransaction(tx);
      if (simulated instanceof FailedTransactionMetadata) throw preflightError(errorJson(simulated.err()), simulated.meta());
    }
    const result = svm.sendTransaction(tx);
    const failed = result instanceof FailedTransactionMetadata;
    const err = failed ? errorJson(result.err()) : null;
    if (failed && typeof err === 'string' && NOT_COMMITTED.has(err)) return signature; // dropped, as a validator would
    const meta = failed ? result.meta() : result;
    const { price, fee, writable } = inspect(message);
    history.set(signature, { slot, err, logs: meta.logs(), unitsConsumed: meta.computeUnitsConsumed(), fee, wire, price, writable });
    return signature;
  },

  simulateTransaction: ([base64, config = {}]) => {
    if ((config.encoding ?? 'base58') !== 'base64') throw new RpcError(-32602, 'Invalid params: this harness accepts encoding "base64" only');
    const { tx } = decodeWire(base64);
    const result = svm.simulateTransaction(tx);
    const failed = result instanceof FailedTransactionMetadata;
    const meta = result.meta();
    return {
      context: context(),
      value: {
        accounts: null,
        err: failed ? errorJson(result.err()) : null,
        innerInstructions: null,
        logs: meta.logs(),
        replacementBlockhash: null,
        returnData: null,
        unitsConsumed: meta.computeUnitsConsumed(),
      },
    };
  },

  getSignatureStatuses: ([signatures]) => {
    if (!Array.isArray(signatures) || signatures.length > 256) throw new RpcError(-32602, 'Invalid params: expected up to 256 signatures');
    return { context: context(), value: signatures.map((s) => (history.has(s) ? statusOf(history.get(s)) : null)) };
  },

  getTransaction: ([signature, config = {}]) => {
    const entry = history.get(signature);
    if (!entry) return null;
    if (commitmentOf(config) === 'finalized' && statusOf(entry).confirmationStatus !== 'finalized') return null;
    return {
      slot: entry.slot,
      blockTime: Math.floor(Date.now() / 1000),
      version: 'legacy',
      transaction: [Buffer.from(entry.wire).toString('base64'), 'base64'],
      meta: {
        err: entry.err,
        status: entry.err === null ? { Ok: null } : { Err: entry.err },
        fee: entry.fee,
        logMessages: entry.logs,
        computeUnitsConsumed: entry.unitsConsumed,
        preBalances: [],
        postBalances: [],
      },
    };
  },

  getAccountInfo: ([addr]) => {
    const account = readAccount(addr);
    return {
      context: context(),
      value: account && {
        data: [Buffer.from(account.data).toString('base64'), 'base64'],
        executable: account.executable,
        lamports: account.lamports,
        owner: account.programAddress,
        rentEpoch: 18446744073709551615n,
        space: account.data.length,
      },
    };
  },

  getTokenAccountBalance: ([addr]) => {
    const account = readAccount(addr);
    if (!account || !TOKEN_PROGRAMS.has(account.programAddress) || account.data.length < 165) {
      throw new RpcError(-32602, 'Invalid param: not a Token account');
    }
    const data = Buffer.from(account.data);
    const mint = readAccount(b58.decode(data.subarray(0, 32)));
    const decimals = mint ? Buffer.from(mint.data)[44] : 0;
    const amount = data.readBigUInt64LE(64);
    const whole = amount / 10n ** BigInt(decimals);
    const frac = (amount % 10n ** BigInt(decimals)).toString().padStart(decimals, '0').replace(/0+$/, '');
    const uiAmountString = frac ? `${whole}.${frac}` : `${whole}`;
    return { context: context(), value: { amount: amount.toString(), decimals, uiAmount: Number(uiAmountString), uiAmountString } };
  },

  getRecentPrioritizationFees: ([accounts = []] = []) => {
    // Per slot of the last 150, the lowest price paid by a landed transaction writing any of the
    // given accounts (any transaction when none are given); slots without one report 0.
    const bySlot = new Map();
    for (const entry of history.values()) {
      if (entry.price === undefined || slot - entry.slot >= 150n) continue;
      if (accounts.length && !accounts.some((a) => entry.writable.includes(a))) continue;
      const best = bySlot.get(entry.slot);
      bySlot.set(entry.slot, best === undefined || entry.price < best ? entry.price : best);
    }
    const first = slot > 149n ? slot - 149n : 0n;
    const fees = [];
    for (let s = first; s <= slot; s++) fees.push({ slot: s, prioritizationFee: bySlot.get(s) ?? 0n });
    return fees;
  },

  getBalance: ([addr]) => ({ context: context(), value: readAccount(addr)?.lamports ?? 0n }),

  getMinimumBalanceForRentExemption: ([length]) => svm.minimumBalanceForRentExemption(BigInt(length ?? 0)),

  requestAirdrop: ([addr, amount]) => {
    let key;
    try {
      key = address(addr);
    } catch {
      throw new RpcError(-32602, 'Invalid param: Invalid');
    }
    const result = svm.airdrop(key, lamports(BigInt(amount)));
    if (!result || result instanceof FailedTransactionMetadata) throw new RpcError(-32603, `airdrop failed: ${result ? describe(errorJson(result.err())) : 'no result'}`);
    const signature = b58.decode(result.signature());
    history.set(signature, { slot, err: null, logs: result.logs(), unitsConsumed: 0n, fee: LAMPORTS_PER_SIGNATURE, wire: new Uint8Array() });
    return signature;
  },

  // ---- test-only ------------------------------------------------------------------------
  /** Advance N slots (default 1); the blockhash rolls over once the current one has expired. */
  harness_warp: ([slots = 1] = []) => {
    advance(BigInt(slots));
    return { slot, blockHeight: slot, blockhash, lastValidBlockHeight };
  },

  /** Jump just past the current blockhash's lastValidBlockHeight: it is now expired, a new one is issued. */
  harness_expireBlockhash: () => {
    advance(lastValidBlockHeight + 1n - slot);
    return { slot, blockHeight: slot, blockhash, lastValidBlockHeight };
  },
};

// ---- JSON-RPC over HTTP ---------------------------------------------------------------------
const stringify = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `__bigint__${v}` : v)).replace(/"__bigint__(\d+)"/g, '$1');

function handle(request) {
  const id = request?.id ?? null;
  if (request?.jsonrpc !== '2.0' || typeof request.method !== 'string') {
    return { jsonrpc: '2.0', id, error: { code: -32600, message: 'Invalid request' } };
  }
  const method = methods[request.method];
  if (!method) return { jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } };
  try {
    return { jsonrpc: '2.0', id, result: method(request.params ?? []) };
  } catch (e) {
    if (e instanceof RpcError) {
      return { jsonrpc: '2.0', id, error: { code: e.code, message: e.message, ...(e.data === undefined ? {} : { data: e.data }) } };
    }
    return { jsonrpc: '2.0', id, error: { code: -32603, message: `Internal error: ${e.message}` } };
  }
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(405).end();
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body;
    try {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      body = Array.isArray(parsed) ? parsed.map(handle) : handle(parsed);
    } catch {
      body = { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } };
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(stringify(body));
  });
});

server.listen(port, '127.0.0.1', () => {
  const actual = server.address().port;
  const version = JSON.parse(readFileSync(require.resolve('litesvm/package.json'), 'utf8')).version;
  process.stdout.write(`${JSON.stringify({ ready: true, url: `http://127.0.0.1:${actual}`, port: actual, litesvm: version })}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (flag('--exit-on-stdin-close')) {
  // The test process holds our stdin; if it dies without killing us, we still go away.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
