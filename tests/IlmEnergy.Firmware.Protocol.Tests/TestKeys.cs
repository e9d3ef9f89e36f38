using IlmEnergy.VectorGen;

namespace IlmEnergy.Firmware.Protocol.Tests;

internal static class TestKeys
{
    public static NSecSigner Device() => new(VectorKeys.DeviceSeed);

    public static NSecSigner Server() => new(VectorKeys.ServerSeed);

    public static NSecSigner Other() => new(VectorKeys.OtherSeed);
}
