namespace IlmEnergy.Storage.Influx;

/// <summary>Exponential backoff with jitter: base·2^(attempt−1), capped, then scaled by a random 0.5–1.5.</summary>
public static class RetryBackoff
{
    /// <param name="attempt">1 for the delay after the first failure.</param>
    /// <param name="random">A value in [0, 1); jitter spreads retries of many writers apart.</param>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + random));
    }
}
