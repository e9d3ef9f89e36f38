using System.Diagnostics;
using IlmEnergy.Protocol;
using NSec.Cryptography;

namespace IlmEnergy.Benchmarks.Ingest;

/// <summary>
/// The yardstick: NSec Ed25519 verifications per second on one thread, over exactly the bytes the
/// ingester verifies for a typical 6-sample batch (the Sig_structure), key imported once.
/// </summary>
public static class RawVerifyRate
{
    public static double Measure(TimeSpan duration)
    {
        using var plug = new VirtualPlug();
        var signed = plug.SignedStreamBatch(1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var decoded = new UplinkDecoder().Decode(signed);
        if (!decoded.IsAccepted) throw new InvalidOperationException("the benchmark's own batch was rejected: " + decoded.Rejection);
        var payload = decoded.Envelope!.Value.Payload.ToArray();
        var toBeSigned = new byte[SigStructure.GetLength(payload.Length)];
        SigStructure.Write(payload, toBeSigned);
        var signature = decoded.Envelope.Value.Signature.ToArray();
        var key = PublicKey.Import(SignatureAlgorithm.Ed25519, plug.PublicKey, KeyBlobFormat.RawPublicKey);

        // Warm up (JIT, caches) for a quarter of the time, then count.
        Run(duration / 4);
        return Run(duration);

        double Run(TimeSpan time)
        {
            long count = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < time)
            {
                for (var i = 0; i < 200; i++)
                {
                    if (!SignatureAlgorithm.Ed25519.Verify(key, toBeSigned, signature)) throw new InvalidOperationException("verify failed");
                }
                count += 200;
            }
            return count / clock.Elapsed.TotalSeconds;
        }
    }
}
