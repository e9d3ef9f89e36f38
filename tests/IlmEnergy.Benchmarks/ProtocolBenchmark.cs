using IlmEnergy.Protocol;
using NSec.Cryptography;

namespace IlmEnergy.Benchmarks;

/// <summary>
/// `protocol`: raw NSec Ed25519 verify/s vs UplinkDecoder decode+verify/s of a realistic signed 6-sample
/// batch on one thread (target ratio ≥ 0.95), plus the signed message size (target ≤ 400 bytes).
/// </summary>
public static class ProtocolBenchmark
{
    private const int OperationsPerRound = 2_000;
    private const int Rounds = 21;

    public static int Run()
    {
        using var deviceKey = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        byte[] message = CoseSign1Signer.Sign(PayloadEncoder.Encode(TypicalBatch()), deviceKey);
        var decoder = new UplinkDecoder();
        var accepted = decoder.Decode(message);
        if (!accepted.IsAccepted)
            throw new InvalidOperationException("benchmark message rejected: " + accepted.Rejection);

        // Raw: exactly the bytes the decoder verifies, key imported once, nothing else.
        var payload = accepted.Envelope.Value.Payload.ToArray();
        var toBeSigned = new byte[SigStructure.GetLength(payload.Length)];
        SigStructure.Write(payload, toBeSigned);
        byte[] signature = accepted.Envelope.Value.Signature.ToArray();
        var publicKey = deviceKey.PublicKey;

        byte[] tampered = (byte[])message.Clone();
        tampered[^70] ^= 1;

        bool allOk = true;
        var results = Harness.Compare(OperationsPerRound, Rounds, TimeSpan.FromSeconds(3),
            new Harness.Case("raw NSec Ed25519 verify", n =>
            {
                for (int i = 0; i < n; i++)
                    allOk &= SignatureAlgorithm.Ed25519.Verify(publicKey, toBeSigned, signature);
            }),
            new Harness.Case("UplinkDecoder.Decode (accepted)", n =>
            {
                for (int i = 0; i < n; i++)
                    allOk &= decoder.Decode(message).IsAccepted;
            }),
            new Harness.Case("UplinkDecoder.Decode (BadSignature)", n =>
            {
                for (int i = 0; i < n; i++)
                    allOk &= !decoder.Decode(tampered).IsAccepted;
            }));
        if (!allOk)
            throw new InvalidOperationException("a benchmarked operation returned the wrong outcome");

        Console.WriteLine($"protocol benchmark: 1 thread, {Rounds} rounds x {OperationsPerRound} ops after 3 s warm-up, median (min..max)");
        Console.WriteLine($"  {"",-38} {"wall /s",9}  {"(min..max)",-17} {"us/op",6}  {"CPU /s",9}  {"alloc/op",8}");
        foreach (var r in results)
            Console.WriteLine($"  {r.Name,-38} {r.MedianPerSecond,9:N0}  {$"({r.MinPerSecond:N0}..{r.MaxPerSecond:N0})",-17} {1e6 / r.MedianPerSecond,6:F1}  {r.MedianCpuPerSecond,9:N0}  {r.AllocatedBytesPerOp,6:N0} B");
        double ratio = results[1].MedianPerSecond / results[0].MedianPerSecond;
        double pairedRatio = Harness.PairedRatio(results[1], results[0]);
        Console.WriteLine($"  decode+verify / raw verify ratio       {pairedRatio,9:F3}  (target >= 0.95; median of per-round CPU-time ratios; wall medians give {ratio:F3})");
        Console.WriteLine($"  signed 6-sample message                {message.Length,9} bytes (target <= 400; payload {payload.Length}, signature 64)");

        RunSigner(deviceKey, toBeSigned, message.Length);
        return 0;
    }

    /// <summary>
    /// The plug's managed Ed25519 (firmware/IlmEnergy.Firmware.Crypto) on the host: signatures/s next to
    /// NSec's, and the field multiplications per signature, which is what an interpreter on the plug pays for.
    /// </summary>
    private static void RunSigner(Key deviceKey, byte[] toBeSigned, int serverEncodedLength)
    {
        var seed = deviceKey.Export(KeyBlobFormat.RawPrivateKey);
        var signer = new IlmEnergy.Firmware.Protocol.Ed25519Signer(seed);
        if (!signer.Sign(toBeSigned).AsSpan().SequenceEqual(SignatureAlgorithm.Ed25519.Sign(deviceKey, toBeSigned)))
            throw new InvalidOperationException("managed and NSec signatures differ");

        IlmEnergy.Firmware.Crypto.CryptoStats.Reset();
        signer.Sign(toBeSigned);
        long multiplications = IlmEnergy.Firmware.Crypto.CryptoStats.FieldMultiplications;

        var results = Harness.Compare(100, 11, TimeSpan.FromSeconds(2),
            new Harness.Case("managed Ed25519 sign (plug code, host)", n =>
            {
                for (int i = 0; i < n; i++) signer.Sign(toBeSigned);
            }),
            new Harness.Case("NSec Ed25519 sign", n =>
            {
                for (int i = 0; i < n; i++) SignatureAlgorithm.Ed25519.Sign(deviceKey, toBeSigned);
            }));
        var firmwareMessage = FirmwareTypicalBatch().Sign(signer);

        Console.WriteLine("signer benchmark: 1 thread, 11 rounds x 100 signatures after 2 s warm-up, median");
        foreach (var r in results)
            Console.WriteLine($"  {r.Name,-38} {r.MedianPerSecond,9:N0} /s  ({1e6 / r.MedianPerSecond:F1} us)");
        Console.WriteLine($"  managed / NSec signing ratio           {results[0].MedianPerSecond / results[1].MedianPerSecond,9:F3}");
        Console.WriteLine($"  field multiplications per signature    {multiplications,9:N0}  (target well under 3,000; squarings counted)");
        Console.WriteLine($"  firmware-built 6-sample message        {firmwareMessage.Length,9} bytes (server encoder: {serverEncodedLength})");
    }

    /// <summary>The same six samples as <see cref="TypicalBatch"/>, built with the plug's encoder.</summary>
    private static IlmEnergy.Firmware.Protocol.Messages.ReadingBatch FirmwareTypicalBatch()
    {
        var server = TypicalBatch();
        return new IlmEnergy.Firmware.Protocol.Messages.ReadingBatch
        {
            Seq = (ulong)server.Seq,
            Boot = server.Boot,
            Board = server.Board,
            Firmware = server.Firmware,
            Flags = (uint)server.Flags,
            Samples = server.Samples.Select(s => new IlmEnergy.Firmware.Protocol.Messages.ReadingSample(
                (ulong)s.TimestampMs, s.EnergyMwh, s.PowerMw, s.VoltageMv, s.CurrentMa, s.RelayClosed)).ToArray(),
            Dropped = 0,
            DrReports = [],
        };
    }

    /// <summary>Six 10-second samples of a ~60 W load on 230 V, values of realistic magnitude.</summary>
    private static ReadingBatch TypicalBatch()
    {
        long t = 1_763_971_200_000;
        long e = 1_284_311;
        var samples = new ReadingSample[6];
        for (int s = 0; s < samples.Length; s++)
        {
            t += 10_000;
            e += 167;
            samples[s] = new ReadingSample(t, e, 60_180 + 37 * s, 229_870u + (uint)(41 * s), 266u, true);
        }
        return new ReadingBatch(48_211, 12, "athom-plug-v3", "0.1.0", ReadingFlags.None, samples, 0, []);
    }
}
