namespace IlmEnergy.VectorGen;

/// <summary>Fixed seeds for the vectors: the secret keys of RFC 8032 §7.1 tests 1–3, so anyone can
/// recognise them and no real key is ever involved.</summary>
public static class VectorKeys
{
    /// <summary>The plug that signs every uplink vector (RFC 8032 TEST 1).</summary>
    public static readonly byte[] DeviceSeed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    /// <summary>The operator's command key that signs DR commands (RFC 8032 TEST 2).</summary>
    public static readonly byte[] ServerSeed = Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");

    /// <summary>Another plug, for "addressed to someone else" and "wrong signer" cases (RFC 8032 TEST 3).</summary>
    public static readonly byte[] OtherSeed = Convert.FromHexString("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7");
}
