namespace IlmEnergy.Firmware.Protocol.Cbor
{
    /// <summary>The eight CBOR major types (RFC 8949 §3.1), as the top three bits of an initial byte.</summary>
    public enum CborMajorType
    {
        UnsignedInteger = 0,
        NegativeInteger = 1,
        ByteString = 2,
        TextString = 3,
        Array = 4,
        Map = 5,
        Tag = 6,
        SimpleOrFloat = 7
    }
}
