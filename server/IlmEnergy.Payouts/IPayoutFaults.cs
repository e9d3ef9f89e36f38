namespace IlmEnergy.Payouts;

/// <summary>The points of a payout where a crash matters; tests throw at each to prove a restart pays exactly once.</summary>
public enum PayoutStep
{
    /// <summary>Signed, not yet stored: the transaction exists only in memory and was never broadcast.</summary>
    AfterSign,
    /// <summary>Stored with signature, raw bytes and last valid block height, not yet broadcast.</summary>
    AfterStore,
    /// <summary>Broadcast, not yet marked sent.</summary>
    AfterSend,
    /// <summary>Seen confirmed on chain, not yet marked confirmed in the ledger.</summary>
    BeforeConfirm,
}

/// <summary>Crash injection: called at every <see cref="PayoutStep"/>; production passes <see cref="NoPayoutFaults"/>.</summary>
public interface IPayoutFaults
{
    void At(PayoutStep step, long batchId);
}

public sealed class NoPayoutFaults : IPayoutFaults
{
    public static readonly NoPayoutFaults Instance = new();

    public void At(PayoutStep step, long batchId) { }
}
