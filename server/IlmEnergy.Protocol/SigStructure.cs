namespace IlmEnergy.Protocol;

/// <summary>
/// The RFC 9052 §4.4 <c>Sig_structure</c> for Signature1 with an empty external AAD and our fixed
/// protected header: <c>["Signature1", h'A10127', h'', payload]</c>, encoded deterministically.
/// Written by hand into a caller's buffer so verification allocates nothing (docs/protocol.md §2).
/// </summary>
public static class SigStructure
{
    /// <summary>The protected header every v1 message carries: the map <c>{1: -8}</c> (alg: EdDSA).</summary>
    public static ReadOnlySpan<byte> ProtectedHeader => [0xA1, 0x01, 0x27];

    // 84 array(4) | 6A "Signature1" | 43 A10127 | 40 (empty external AAD)
    private static ReadOnlySpan<byte> Prefix =>
        [0x84, 0x6A, 0x53, 0x69, 0x67, 0x6E, 0x61, 0x74, 0x75, 0x72, 0x65, 0x31, 0x43, 0xA1, 0x01, 0x27, 0x40];

    /// <summary>Bytes needed for a payload of <paramref name="payloadLength"/> bytes.</summary>
    public static int GetLength(int payloadLength) => Prefix.Length + ByteStringHeaderLength(payloadLength) + payloadLength;

    /// <summary>Writes the Sig_structure; returns the number of bytes written.</summary>
    public static int Write(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Prefix.CopyTo(destination);
        int offset = Prefix.Length;
        offset += WriteByteStringHeader(payload.Length, destination[offset..]);
        payload.CopyTo(destination[offset..]);
        return offset + payload.Length;
    }

    private static int ByteStringHeaderLength(int length) => length switch
    {
        < 24 => 1,
        <= byte.MaxValue => 2,
        <= ushort.MaxValue => 3,
        _ => 5,
    };

    // CBOR major type 2 header in its shortest form (RFC 8949 §4.2.1).
    private static int WriteByteStringHeader(int length, Span<byte> destination)
    {
        const byte majorByteString = 0x40;
        switch (length)
        {
            case < 24:
                destination[0] = (byte)(majorByteString | length);
                return 1;
            case <= byte.MaxValue:
                destination[0] = majorByteString | 24;
                destination[1] = (byte)length;
                return 2;
            case <= ushort.MaxValue:
                destination[0] = majorByteString | 25;
                destination[1] = (byte)(length >> 8);
                destination[2] = (byte)length;
                return 3;
            default:
                destination[0] = majorByteString | 26;
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
                return 5;
        }
    }
}
