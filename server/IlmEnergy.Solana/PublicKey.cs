using SimpleBase;

namespace IlmEnergy.Solana;

/// <summary>
/// A 32-byte Solana address (an Ed25519 public key or a program derived address), written in
/// base58. Immutable; compares by value.
/// </summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    public const int Length = 32;

    private readonly byte[] _bytes;

    public PublicKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
            throw new ArgumentException($"A Solana public key is {Length} bytes, got {bytes.Length}.", nameof(bytes));
        _bytes = bytes.ToArray();
    }

    /// <summary>Parses a base58 address; throws <see cref="FormatException"/> with the reason when it is not one.</summary>
    public PublicKey(string base58) : this(DecodeBase58(base58)) { }

    public static PublicKey Parse(string base58) => new(base58);

    public static bool TryParse(string? base58, out PublicKey? key)
    {
        key = null;
        if (string.IsNullOrEmpty(base58) || base58.Length > 44)
            return false;
        try
        {
            var bytes = Base58.Bitcoin.Decode(base58);
            if (bytes.Length != Length)
                return false;
            key = new PublicKey(bytes);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public ReadOnlySpan<byte> AsSpan() => _bytes;

    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>True when the bytes are a valid Ed25519 point, i.e. the key could have a private key.
    /// Program derived addresses are always off the curve.</summary>
    public bool IsOnCurve => Ed25519Curve.IsOnCurve(_bytes);

    public string ToBase58() => Base58.Bitcoin.Encode(_bytes);

    public override string ToString() => ToBase58();

    public bool Equals(PublicKey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    public static bool operator ==(PublicKey? left, PublicKey? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(PublicKey? left, PublicKey? right) => !(left == right);

    private static byte[] DecodeBase58(string base58)
    {
        ArgumentNullException.ThrowIfNull(base58);
        if (base58.Length is 0 or > 44)
            throw new FormatException($"'{base58}' is not a Solana address: expected 32-44 base58 characters.");
        byte[] bytes;
        try
        {
            bytes = Base58.Bitcoin.Decode(base58);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{base58}' is not a Solana address: {e.Message}", e);
        }
        if (bytes.Length != Length)
            throw new FormatException($"'{base58}' is not a Solana address: it decodes to {bytes.Length} bytes, not {Length}.");
        return bytes;
    }
}
