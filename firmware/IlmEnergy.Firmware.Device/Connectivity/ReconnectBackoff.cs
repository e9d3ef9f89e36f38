using IlmEnergy.Firmware.Device.Platform;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// When to try the broker again: exponential backoff (1 s, 2 s, 4 s … capped at 5 min) with "equal
    /// jitter" (half the delay fixed, half random), so a fleet that lost the broker at the same moment
    /// does not reconnect in lock-step. Times are uptime ms (monotonic).
    /// </summary>
    public sealed class ReconnectBackoff
    {
        public const long DefaultInitialMs = 1000;
        public const long DefaultMaxMs = 5 * 60 * 1000;

        private readonly IRandomSource _random;
        private readonly long _initialMs;
        private readonly long _maxMs;
        private readonly byte[] _jitter = new byte[4];
        private long _nextDelayMs;

        public ReconnectBackoff(IRandomSource random)
            : this(random, DefaultInitialMs, DefaultMaxMs)
        {
        }

        public ReconnectBackoff(IRandomSource random, long initialMs, long maxMs)
        {
            if (initialMs < 1 || maxMs < initialMs)
            {
                throw new System.ArgumentException("need 1 <= initialMs <= maxMs");
            }

            _random = random;
            _initialMs = initialMs;
            _maxMs = maxMs;
            _nextDelayMs = initialMs;
        }

        /// <summary>Uptime at which the next attempt is allowed (0 = at once).</summary>
        public long NextAttemptAtMs { get; private set; }

        /// <summary>Consecutive failures since the last success.</summary>
        public int Failures { get; private set; }

        public bool IsDue(long uptimeMs)
        {
            return uptimeMs >= NextAttemptAtMs;
        }

        /// <summary>An attempt failed (or the connection dropped): schedules the next one; returns the delay chosen.</summary>
        public long Failed(long uptimeMs)
        {
            long ceiling = _nextDelayMs;
            long half = ceiling / 2;
            long delay = half + RandomBelow(ceiling - half + 1);
            NextAttemptAtMs = uptimeMs + delay;
            Failures++;
            _nextDelayMs = ceiling >= _maxMs / 2 ? _maxMs : ceiling * 2;
            return delay;
        }

        /// <summary>Connected: the next failure starts again from the initial delay.</summary>
        public void Succeeded()
        {
            Failures = 0;
            _nextDelayMs = _initialMs;
            NextAttemptAtMs = 0;
        }

        private long RandomBelow(long bound)
        {
            _random.NextBytes(_jitter);
            long value = (long)(_jitter[0] | (_jitter[1] << 8) | (_jitter[2] << 16) | ((_jitter[3] & 0x7F) << 24));
            return value % bound;
        }
    }
}
