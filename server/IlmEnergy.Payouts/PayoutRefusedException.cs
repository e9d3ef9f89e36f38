namespace IlmEnergy.Payouts;

/// <summary>A payout that a guard refused before anything was sent: the message says why and what to do.</summary>
public sealed class PayoutRefusedException(string message) : Exception(message);

/// <summary>A ledger row that no longer matches its integrity hash: someone changed the database by hand.</summary>
public sealed class LedgerTamperedException(string message) : Exception(message);

/// <summary>An import that conflicts with what the ledger already holds (same key, different amount or digest).</summary>
public sealed class EntitlementConflictException(string message) : Exception(message);
