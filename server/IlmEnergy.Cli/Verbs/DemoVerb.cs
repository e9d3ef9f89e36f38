using System.CommandLine;
using IlmEnergy.Protocol;
using NSec.Cryptography;

namespace IlmEnergy.Cli.Verbs;

/// <summary>
/// <c>ilm demo</c>: the protocol end to end on one machine. Generates a device key, signs a realistic
/// 6-sample batch, verifies it with the server decoder, then flips one bit and shows the rejection.
/// Exit 0 when both outcomes are as expected.
/// </summary>
public static class DemoVerb
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("demo", "sign a realistic batch with a fresh key, verify it, then show a one-bit tamper being rejected");
        command.SetAction(_ => Run(console));
        return command;
    }

    private static int Run(CliConsole console)
    {
        var output = console.Out;
        using var deviceKey = Key.Create(SignatureAlgorithm.Ed25519);
        var deviceId = DeviceId.FromPublicKey(deviceKey.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        output.WriteLine($"1. New device key; device id {deviceId}");

        byte[] message = CoseSign1Signer.Sign(PayloadEncoder.Encode(RealisticBatch(DateTimeOffset.UtcNow)), deviceKey);
        output.WriteLine($"2. Signed a 6-sample readings batch: {message.Length} bytes");
        output.WriteLine("   " + Convert.ToHexString(message));
        output.WriteLine();

        var decoder = new UplinkDecoder();
        output.WriteLine("3. Server decoder, untouched message:");
        var accepted = decoder.Decode(message);
        InspectReport.WriteText(output, message.Length, accepted);
        output.WriteLine();

        // Flip one bit inside the last sample (just before the signature): the smallest possible lie.
        var tampered = (byte[])message.Clone();
        int position = message.Length - 64 - 20;
        tampered[position] ^= 0x01;
        output.WriteLine($"4. Same message with bit 0 of byte {position} flipped:");
        var rejected = decoder.Decode(tampered);
        InspectReport.WriteText(output, tampered.Length, rejected);

        bool asExpected = accepted.IsAccepted && !rejected.IsAccepted;
        output.WriteLine();
        output.WriteLine(asExpected ? "demo OK: valid batch accepted, tampered batch rejected" : "demo FAILED");
        return asExpected ? ExitCodes.Accepted : ExitCodes.Rejected;
    }

    /// <summary>Six 10-second samples of a ~60 W lamp on 230 V mains, ending now.</summary>
    private static ReadingBatch RealisticBatch(DateTimeOffset now)
    {
        long end = now.ToUnixTimeMilliseconds() / 10_000 * 10_000;
        var samples = new ReadingSample[6];
        long energy = 1_284_311;
        for (int s = 0; s < samples.Length; s++)
        {
            int power = 60_180 + 37 * (s % 3);
            energy += power * 10 / 3600; // mW over 10 s in mWh
            samples[s] = new ReadingSample(end - (5 - s) * 10_000L, energy, power, 229_870u + (uint)(s * 41), 266u, true);
        }
        return new ReadingBatch(Seq: 48_211, Boot: 12, Board: "athom-plug-v3", Firmware: "0.1.0", Flags: ReadingFlags.None,
            Samples: samples, Dropped: 0, DrReports: []);
    }
}
