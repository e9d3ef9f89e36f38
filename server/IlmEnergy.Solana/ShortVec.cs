namespace IlmEnergy.Solana;

/// <summary>
/// Solana's compact-u16 ("short vec") length prefix: 7 bits per byte, low bits first, high bit set
/// while more bytes follow; at most 3 bytes for values up to 65535.
/// </summary>
public static class ShortVec
{
    public static int EncodedLength(int value) => value switch
    {
        < 0 or > ushort.MaxValue => throw new ArgumentOutOfRangeException(nameof(value), $"compact-u16 holds 0..65535, got {value}."),
        < 0x80 => 1,
        < 0x4000 => 2,
        _ => 3,
    };

    public static byte[] Encode(int value)
    {
        var bytes = new byte[EncodedLength(value)];
        var rest = value;
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(rest & 0x7F);
            rest >>= 7;
            if (rest != 0)
                bytes[i] |= 0x80;
        }
        return bytes;
    }

    public static void Write(Stream stream, int value) => stream.Write(Encode(value));

    /// <summary>Decodes a compact-u16, rejecting the non-canonical and overflowing encodings the runtime rejects.</summary>
    public static int Decode(ReadOnlySpan<byte> data, out int bytesRead)
    {
        var value = 0;
        for (var i = 0; i < 3; i++)
        {
            if (i >= data.Length)
                throw new FormatException("compact-u16 is truncated.");
            var b = data[i];
            if (i == 2 && b > 0x03)
                throw new FormatException("compact-u16 overflows 16 bits.");
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (i > 0 && b == 0)
                    throw new FormatException("compact-u16 is not canonical (trailing zero byte).");
                bytesRead = i + 1;
                return value;
            }
        }
        throw new FormatException("compact-u16 is longer than 3 bytes.");
    }
}
