namespace IlmEnergy.Solana;

/// <summary>
/// Anything that can sign a transaction message for one address: a <see cref="Keypair"/> in memory
/// today, a hardware or remote signer later without changing the transaction code.
/// </summary>
public interface ISigner
{
    PublicKey PublicKey { get; }

    /// <summary>Returns the 64-byte Ed25519 signature of <paramref name="message"/>.</summary>
    byte[] Sign(ReadOnlySpan<byte> message);
}
