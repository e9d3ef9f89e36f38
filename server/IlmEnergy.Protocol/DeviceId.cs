using System.Diagnostics.CodeAnalysis;
using SimpleBase;

namespace IlmEnergy.Protocol;

/// <summary>
/// A device (or server) identity: the 32-byte Ed25519 public key, written as Base58 (Bitcoin alphabet),
/// the same string form as a Solana address (docs/protocol.md §1).
/// </summary>
public sealed class DeviceId : IEquatable<DeviceId>
{
    private readonly byte[] _key;

    private DeviceId(byte[] key) => _key = key;

    /// <summary>The raw 32-byte public key.</summary>
    public ReadOnlySpan<byte> PublicKey => _key;

    /// <summary>Wraps a raw 32-byte public key (copied).</summary>
    public static DeviceId FromPublicKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != ProtocolLimits.KeyBytes)
            throw new ArgumentException($"a device key is {ProtocolLimits.KeyBytes} bytes, got {key.Length}", nameof(key));
        return new DeviceId(key.ToArray());
    }

    /// <summary>Parses the Base58 form; false for anything that is not exactly 32 bytes of Base58.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out DeviceId? id)
    {
        id = null;
        // 32 bytes are 32..44 Base58 characters; the bound also keeps the decoder's work tiny.
        if (text is null || text.Length < 32 || text.Length > 44)
            return false;
        Span<byte> buffer = stackalloc byte[64];
        if (!Base58.Bitcoin.TryDecode(text, buffer, out int written) || written != ProtocolLimits.KeyBytes)
            return false;
        id = new DeviceId(buffer[..written].ToArray());
        // Belt and braces: accept only the spelling ToString produces, so one key has exactly one id.
        if (id.ToString() != text)
        {
            id = null;
            return false;
        }
        return true;
    }

    /// <summary>Parses the Base58 form or throws <see cref="FormatException"/>.</summary>
    public static DeviceId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a Base58 Ed25519 public key (32 bytes)");

    public override string ToString() => Base58.Bitcoin.Encode(_key);

    public bool Equals(DeviceId? other) => other is not null && _key.AsSpan().SequenceEqual(other._key);

    public override bool Equals(object? obj) => Equals(obj as DeviceId);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_key);
        return hash.ToHashCode();
    }

    public static bool operator ==(DeviceId? left, DeviceId? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(DeviceId? left, DeviceId? right) => !(left == right);
}
