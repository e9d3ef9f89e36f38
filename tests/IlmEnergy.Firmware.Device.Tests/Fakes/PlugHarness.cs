using IlmEnergy.Firmware.Protocol.Encoding;
using NSec.Cryptography;
using Server = IlmEnergy.Protocol;

namespace IlmEnergy.Firmware.Device.Tests.Fakes;

/// <summary>
/// One simulated plug: real PlugDevice over in-memory flash, a fake clock, relay, meter, button and
/// broker. <see cref="Reboot"/> builds a new PlugDevice over the same flash, as after a power cycle.
/// Every readings message is checked with the SERVER's decoder (<see cref="DecodeReadings"/>).
/// </summary>
public sealed class PlugHarness
{
    public const long Start = 1_800_000_000_000;

    public PlugHarness(Func<long, int>? powerMw = null, bool optIn = true, bool synced = true, Action<DeviceConfig>? configure = null)
    {
        Clock = new FakeClock(Start, synced);
        Relay = new FakeRelay(Clock);
        Meter = new FakeMeter(Relay, powerMw ?? (_ => 100_000));
        ServerKey = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        Config = new DeviceConfig
        {
            Board = "athom-plug-v3",
            BrokerHost = "127.0.0.1",
            ServerKey = ServerKey.PublicKey.Export(KeyBlobFormat.RawPublicKey),
            OptIn = optIn,
        };
        configure?.Invoke(Config);
        Device = Boot();
    }

    public MemoryFileStore Files { get; } = new();

    public FakeClock Clock { get; }

    public FakeRelay Relay { get; }

    public FakeMeter Meter { get; }

    public FakeBroker Broker { get; } = new();

    public FakeButton Button { get; } = new();

    public ListLog Log { get; } = new();

    public FakeRandom Random { get; } = new(7);

    public Key ServerKey { get; }

    public DeviceConfig Config { get; }

    public PlugDevice Device { get; private set; }

    public int Boots { get; private set; }

    public Server.DeviceId Id => Server.DeviceId.FromPublicKey(Device.PublicKey);

    public string CommandTopic => "ilm/v1/dev/" + Device.DeviceId + "/cmd";

    /// <summary>Runs the loop for <paramref name="seconds"/> seconds of device time.</summary>
    public void Run(int seconds, Action<int>? each = null)
    {
        for (int s = 0; s < seconds; s++)
        {
            Clock.Advance(1000);
            Device.Tick();
            each?.Invoke(s);
        }
    }

    /// <summary>Power cycle: a new PlugDevice over the same flash; uptime restarts, wall time moves on.</summary>
    public void Reboot(bool planned = true, long offMs = 5000)
    {
        if (planned)
        {
            Device.PrepareForShutdown();
        }

        Files.Reboot();
        if (Broker.IsConnected)
        {
            Broker.Disconnect();
        }

        Clock.Advance(offMs);
        Clock.UptimeMs = 0;
        Device = Boot();
    }

    /// <summary>Every readings message published so far, decoded and verified by the server library, unique by seq.</summary>
    public List<Server.ReadingBatch> DecodeReadings()
    {
        Server.UplinkDecoder decoder = new();
        List<Server.ReadingBatch> batches = [];
        foreach (byte[] message in Broker.Readings)
        {
            Server.DecodeResult result = decoder.Decode(message);
            Assert.True(result.IsAccepted, result.ToString());
            Assert.Equal(Id, result.Signer);
            batches.Add((Server.ReadingBatch)result.Message!);
        }

        return batches.GroupBy(b => b.Seq).Select(g => g.First()).OrderBy(b => b.Seq).ToList();
    }

    /// <summary>A DR command signed by the server key (or by <paramref name="signer"/>), as the server publishes it.</summary>
    public byte[] Command(string commandId, Server.DrAction action, long startMs, long endMs, Key? signer = null, string eventId = "event-1")
    {
        Server.DrCommand command = new(commandId, Id, action, startMs, endMs, Clock.UtcNowMs, Clock.UtcNowMs + 3_600_000, eventId);
        return new Server.DrCommandSigner(signer ?? ServerKey).Sign(command);
    }

    private PlugDevice Boot()
    {
        PlugDevice device = new(Config, Files, Clock, Relay, Meter, Broker, Random, Button, Log);
        device.Start();
        Boots++;
        return device;
    }

    public static string Base58Of(byte[] key) => Base58.Encode(key);
}
