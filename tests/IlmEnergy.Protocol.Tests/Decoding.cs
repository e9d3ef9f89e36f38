namespace IlmEnergy.Protocol.Tests;

/// <summary>Shared helpers for decode assertions.</summary>
internal static class Decoding
{
    public static readonly UplinkDecoder Uplink = new();
    public static readonly UplinkDecoder AnyKind = new(new UplinkDecoderOptions { AcceptedKinds = MessageKinds.All });

    public static DecodeResult Decode(byte[] message) => Uplink.Decode(message);

    /// <summary>Asserts a rejection by the reason's protocol name (docs/protocol.md §6) and returns the detail.</summary>
    public static string AssertRejected(string expectedReasonName, byte[] message, UplinkDecoder? decoder = null)
    {
        var result = (decoder ?? Uplink).Decode(message);
        Assert.False(result.IsAccepted, $"expected {expectedReasonName} but the message was accepted");
        Assert.True(expectedReasonName == result.Rejection.Value.Reason.ToString(),
            $"expected {expectedReasonName}, got {result.Rejection}");
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Value.Detail));
        return result.Rejection.Value.Detail;
    }

    public static ReadingBatch AssertAcceptedReadings(byte[] message)
    {
        var result = Decode(message);
        Assert.True(result.IsAccepted, $"rejected: {result.Rejection}");
        return Assert.IsType<ReadingBatch>(result.Message);
    }

    public static string RepoRoot() =>
        typeof(Decoding).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
}
