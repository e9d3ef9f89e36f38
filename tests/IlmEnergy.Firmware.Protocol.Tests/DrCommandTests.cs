using IlmEnergy.Firmware.Protocol.Cbor;
using IlmEnergy.Firmware.Protocol.Cose;
using IlmEnergy.Firmware.Protocol.Messages;
using IlmEnergy.VectorGen;

namespace IlmEnergy.Firmware.Protocol.Tests;

/// <summary>DR command: encoded by the server, decoded and judged by the device (docs/protocol.md §3.3).</summary>
public class DrCommandTests
{
    private sealed class History(params string[] processed) : ICommandHistory
    {
        public bool HasProcessed(string commandId) => processed.Contains(commandId);
    }

    private static readonly ulong Now = VectorMessages.T0 + 3_100_000; // after issue, before expiry

    private static DrCommandDecision Judge(byte[] message, ulong now, bool optedIn = true, ICommandHistory? history = null)
    {
        using NSecSigner device = TestKeys.Device();
        using NSecSigner server = TestKeys.Server();
        var acceptance = new DrCommandAcceptance(server.PublicKey, device.PublicKey, new NSecVerifier(), history ?? new History());
        return acceptance.Evaluate(message, now, optedIn);
    }

    private static byte[] Signed(DrCommand command, IMessageSigner signer) => command.Sign(signer);

    [Fact]
    public void RoundTripThroughTheStrictReader()
    {
        using NSecSigner device = TestKeys.Device();
        using NSecSigner server = TestKeys.Server();
        DrCommand sent = VectorMessages.Command(device.PublicKey);

        DrCommandDecision decision = Judge(Signed(sent, server), Now);

        Assert.Equal(DrOutcome.Scheduled, decision.Outcome);
        Assert.True(decision.Accepted);
        DrCommand got = decision.Command;
        Assert.Equal(sent.CommandId, got.CommandId);
        Assert.Equal(sent.Device, got.Device);
        Assert.Equal(sent.Action, got.Action);
        Assert.Equal(sent.StartMs, got.StartMs);
        Assert.Equal(sent.EndMs, got.EndMs);
        Assert.Equal(sent.IssuedMs, got.IssuedMs);
        Assert.Equal(sent.ExpiresMs, got.ExpiresMs);
        Assert.Equal(sent.EventId, got.EventId);
    }

    [Fact]
    public void SignedByAnyoneButThePinnedServerKeyIsRejectedSignature()
    {
        using NSecSigner device = TestKeys.Device();
        using NSecSigner other = TestKeys.Other();
        DrCommandDecision decision = Judge(Signed(VectorMessages.Command(device.PublicKey), other), Now);
        Assert.Equal(DrOutcome.RejectedSignature, decision.Outcome);
        Assert.False(decision.Accepted);
    }

    [Fact]
    public void PinnedKidWithAForgedSignatureIsRejectedSignature()
    {
        using NSecSigner device = TestKeys.Device();
        using NSecSigner server = TestKeys.Server();
        using NSecSigner other = TestKeys.Other();
        byte[] payload = VectorMessages.Command(device.PublicKey).EncodePayload();
        byte[] forged = CoseSign1.Envelope(CoseSign1.EdDsaProtectedHeader(), server.PublicKey, payload,
            other.Sign(CoseSign1.BuildSigStructure(CoseSign1.EdDsaProtectedHeader(), payload)));
        Assert.Equal(DrOutcome.RejectedSignature, Judge(forged, Now).Outcome);
    }

    [Fact]
    public void FlippedSignatureBitIsRejectedSignature()
    {
        using NSecSigner device = TestKeys.Device();
        using NSecSigner server = TestKeys.Server();
        byte[] message = Signed(VectorMessages.Command(device.PublicKey), server);
        message[^1] ^= 0x80;
        Assert.Equal(DrOutcome.RejectedSignature, Judge(message, Now).Outcome);
    }

    [Fact]
    public void ExpiredIsRejectedInvalid()
    {
        using NSecSigner device = TestKeys.Device();
        using NSecSigner server = TestKeys.Server();
        DrCommand command = VectorMessages.Command(device.PublicKey);
        byte[] message = Signed(command, server);
        Assert.Equal(DrOutcome.Scheduled, Judge(message, command.ExpiresMs - 1).Outcome);
        DrCommandDecision late = Judge(message, command.ExpiresMs);
        Assert.Equal(DrOutcome.RejectedInvalid, late.Outcome);
        Assert.Equal(command.CommandId, late.CommandId);
    }

    [Fact]
    public void AddressedToAnotherDeviceIsRejectedInvalid()
    {
        using NSecSigner server = TestKeys.Server();
        using NSecSigner other = TestKeys.Other();
        Assert.Equal(DrOutcome.RejectedInvalid, Judge(Signed(VectorMessages.Command(other.PublicKey), server), Now).Outcome);
    }

    [Fact]
    public void AlreadyProcessedIdIsRejectedInvalid()
    {
        using NSecSigner device = TestKeys.Device();
        using NSecSigner server = TestKeys.Server();
        byte[] message = Signed(VectorMessages.Command(device.PublicKey), server);
        Assert.Equal(DrOutcome.RejectedInvalid, Judge(message, Now, history: new History("cmd-2026-0001")).Outcome);
    }

    [Fact]
    public void WindowOverFourHoursIsRejectedInvalidEvenWhenSigned()
    {
        using NSecSigner device = TestKeys.Device();
        using NSecSigner server = TestKeys.Server();
        DrCommand command = VectorMessages.Command(device.PublicKey);
        command.EndMs = command.StartMs + DrCommand.MaxWindowMs + 1;
        Assert.Equal(ReasonCode.LimitExceeded, Assert.Throws<ProtocolException>(() => command.EncodePayload()).Reason);

        var writer = new CborWriter();
        command.WritePayload(writer); // bypass the encoder's own check, as a faulty server might
        byte[] message = CoseSign1.Sign(writer.ToArray(), server);
        Assert.Equal(DrOutcome.RejectedInvalid, Judge(message, Now).Outcome);
    }

    [Fact]
    public void NotOptedInIsDeclinedAndCancelIsCancelled()
    {
        using NSecSigner device = TestKeys.Device();
        using NSecSigner server = TestKeys.Server();
        DrCommand command = VectorMessages.Command(device.PublicKey);
        Assert.Equal(DrOutcome.DeclinedNotOptedIn, Judge(Signed(command, server), Now, optedIn: false).Outcome);

        command.Action = DrAction.Cancel;
        DrCommandDecision cancel = Judge(Signed(command, server), Now);
        Assert.Equal(DrOutcome.Cancelled, cancel.Outcome);
        Assert.True(cancel.Accepted);
    }

    [Fact]
    public void GarbageIsRejectedInvalidWithoutThrowing()
    {
        Assert.Equal(DrOutcome.RejectedInvalid, Judge([0xFF, 0x00], Now).Outcome);
        Assert.Equal(DrOutcome.RejectedInvalid, Judge([], Now).Outcome);
        Assert.Equal(DrOutcome.RejectedInvalid, Judge(new byte[5000], Now).Outcome);
    }
}
