using IlmEnergy.Registry;

namespace IlmEnergy.Firmware.Simulator;

/// <summary>Writes the simulated plugs into an ingester's registry as active, so their readings are accepted.</summary>
public static class DeviceRegistration
{
    /// <summary>The registry file inside the ingester's data directory (server/IlmEnergy.Ingester/Program.cs).</summary>
    public const string RegistryFileName = "registry.db";

    public static async Task RegisterActiveAsync(string dataDirectory, IEnumerable<SimulatedPlug> plugs, string board, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        SqliteDeviceRegistry registry = new(Path.Combine(dataDirectory, RegistryFileName));
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (SimulatedPlug plug in plugs)
        {
            DeviceRecord record = await registry.RegisterAsync(plug.DeviceId, plug.Device.PublicKey, board, DeviceStatus.Active, now, cancellationToken);
            if (record.Status != DeviceStatus.Active)
            {
                await registry.SetStatusAsync(plug.DeviceId, DeviceStatus.Active, cancellationToken);
            }
        }
    }
}
