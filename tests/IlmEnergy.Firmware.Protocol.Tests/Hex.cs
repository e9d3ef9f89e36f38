namespace IlmEnergy.Firmware.Protocol.Tests;

internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty));

    public static string Of(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
