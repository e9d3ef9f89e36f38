using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace IlmEnergy.Solana;

/// <summary>
/// SLIP-0010 key derivation for Ed25519. Ed25519 allows only hardened children, so every path
/// element must carry a ' (or H). Solana wallets use m/44'/501'/account'/0'.
/// </summary>
public static class Slip10
{
    public const uint HardenedOffset = 0x8000_0000;

    private static readonly byte[] Ed25519Curve = Encoding.ASCII.GetBytes("ed25519 seed");

    /// <summary>A node of the derivation tree: the 32-byte private key (the Ed25519 seed) and chain code.</summary>
    public sealed record Node(byte[] Key, byte[] ChainCode);

    public static string SolanaPath(uint account) => $"m/44'/501'/{account}'/0'";

    public static Node MasterKey(ReadOnlySpan<byte> seed)
    {
        if (seed.Length is < 16 or > 64)
            throw new ArgumentException($"A SLIP-0010 seed is 16 to 64 bytes, got {seed.Length}.", nameof(seed));
        return Split(HMACSHA512.HashData(Ed25519Curve, seed));
    }

    /// <summary>The hardened child <paramref name="index"/> (given without the hardened offset) of a node.</summary>
    public static Node DeriveHardenedChild(Node parent, uint index)
    {
        if (index >= HardenedOffset)
            throw new ArgumentOutOfRangeException(nameof(index), "Give the index without the hardened offset (below 2^31).");
        Span<byte> data = stackalloc byte[1 + 32 + 4];
        data[0] = 0;
        parent.Key.CopyTo(data[1..]);
        BinaryPrimitives.WriteUInt32BigEndian(data[33..], index + HardenedOffset);
        return Split(HMACSHA512.HashData(parent.ChainCode, data));
    }

    public static Node DerivePath(ReadOnlySpan<byte> seed, string path)
    {
        var node = MasterKey(seed);
        foreach (var index in ParsePath(path))
            node = DeriveHardenedChild(node, index);
        return node;
    }

    /// <summary>Parses "m/44'/501'/0'/0'" into hardened indices (without the offset). Ed25519 has no
    /// non-hardened derivation, so an element without ' or H is an error, not silently hardened.</summary>
    public static IReadOnlyList<uint> ParsePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/');
        if (parts[0] != "m")
            throw new FormatException($"Derivation path '{path}' must start with 'm'.");
        var indices = new List<uint>();
        foreach (var part in parts.Skip(1))
        {
            if (part.Length < 2 || (part[^1] != '\'' && part[^1] != 'H' && part[^1] != 'h'))
                throw new FormatException($"Derivation path '{path}': element '{part}' is not hardened; Ed25519 (SLIP-0010) allows hardened elements only.");
            if (!uint.TryParse(part.AsSpan(0, part.Length - 1), System.Globalization.NumberStyles.None, null, out var index) || index >= HardenedOffset)
                throw new FormatException($"Derivation path '{path}': element '{part}' is not an index below 2^31.");
            indices.Add(index);
        }
        return indices;
    }

    private static Node Split(byte[] i) => new(i[..32], i[32..]);
}
