using System.Text.Json;
using IlmEnergy.Firmware.Crypto;
using IlmEnergy.Firmware.Protocol;

namespace IlmEnergy.Compatibility.Tests;

/// <summary>The shared vectors, checked with the plug's own crypto: its keys derive the vector keys and its Verify accepts every valid message.</summary>
public sealed class VectorTests
{
    [Fact]
    public void The_managed_ed25519_derives_every_vector_key_and_verifies_every_valid_vector()
    {
        var root = typeof(VectorTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tests", "vectors", "uplink-v1.json")));
        foreach (var key in document.RootElement.GetProperty("keys").EnumerateArray())
        {
            var seed = Convert.FromHexString(key.GetProperty("seedHex").GetString()!);
            Assert.Equal(key.GetProperty("publicKeyHex").GetString(), Convert.ToHexStringLower(Ed25519.PublicKeyFromSeed(seed)));
        }
        var verified = 0;
        foreach (var vector in document.RootElement.GetProperty("valid").EnumerateArray())
        {
            var message = Convert.FromHexString(vector.GetProperty("messageHex").GetString()!);
            var decoded = Firmware.Protocol.Cose.CoseSign1.DecodeAndVerify(message, new Ed25519Verifier());
            Assert.Equal(vector.GetProperty("publicKeyHex").GetString(), Convert.ToHexStringLower(decoded.KeyId));
            verified++;
        }
        Assert.True(verified >= 6);
    }
}
