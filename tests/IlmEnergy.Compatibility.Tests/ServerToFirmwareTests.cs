using IlmEnergy.Firmware.Protocol;
using IlmEnergy.Protocol;
using NSec.Cryptography;
using Fw = IlmEnergy.Firmware.Protocol.Messages;

namespace IlmEnergy.Compatibility.Tests;

/// <summary>DR commands signed by the server (NSec) and judged on the plug (managed Ed25519, strict CBOR reader).</summary>
public sealed class ServerToFirmwareTests
{
    private const long Now = 1_767_225_600_000;

    [Fact]
    public void A_server_signed_command_is_accepted_by_its_target_plug_and_no_other()
    {
        using var serverKey = Key.Create(SignatureAlgorithm.Ed25519);
        var serverPublic = serverKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var plug = new Ed25519Signer(FirmwareToServerTests.RandomBytes(new Random(3), 32));
        var otherPlug = new Ed25519Signer(FirmwareToServerTests.RandomBytes(new Random(4), 32));
        var message = new DrCommandSigner(serverKey).Sign(Command(plug.PublicKey));

        var decision = Acceptance(serverPublic, plug.PublicKey).Evaluate(message, (ulong)Now, optedIn: true);
        Assert.True(decision.Accepted, decision.Reason);
        Assert.Equal("cmd-42", decision.Command.CommandId);
        Assert.Equal((ulong)(Now + 60_000), decision.Command.StartMs);
        Assert.Equal(plug.PublicKey, decision.Command.Device);

        var elsewhere = Acceptance(serverPublic, otherPlug.PublicKey).Evaluate(message, (ulong)Now, optedIn: true);
        Assert.Equal(Fw.DrOutcome.RejectedInvalid, elsewhere.Outcome);
    }

    [Fact]
    public void Every_flipped_bit_of_a_command_is_refused_by_the_plug()
    {
        using var serverKey = Key.Create(SignatureAlgorithm.Ed25519);
        var serverPublic = serverKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var plug = new Ed25519Signer(FirmwareToServerTests.RandomBytes(new Random(5), 32));
        var message = new DrCommandSigner(serverKey).Sign(Command(plug.PublicKey));
        var acceptance = Acceptance(serverPublic, plug.PublicKey);

        for (var bit = 0; bit < message.Length * 8; bit++)
        {
            var mutated = (byte[])message.Clone();
            mutated[bit / 8] ^= (byte)(1 << (bit % 8));
            var decision = acceptance.Evaluate(mutated, (ulong)Now, optedIn: true);
            Assert.False(decision.Accepted, $"bit {bit} flipped was accepted");
            Assert.True(decision.Outcome is Fw.DrOutcome.RejectedSignature or Fw.DrOutcome.RejectedInvalid, $"bit {bit}: {decision.Outcome}");
        }
    }

    private static DrCommand Command(byte[] device) =>
        new("cmd-42", DeviceId.FromPublicKey(device), DrAction.Curtail, Now + 60_000, Now + 3_660_000, Now - 1_000, Now + 600_000, "evt-7");

    private static Fw.DrCommandAcceptance Acceptance(byte[] serverKey, byte[] ownKey) =>
        new(serverKey, ownKey, new Ed25519Verifier(), new NoHistory());

    private sealed class NoHistory : Fw.ICommandHistory
    {
        public bool HasProcessed(string commandId) => false;
    }
}
