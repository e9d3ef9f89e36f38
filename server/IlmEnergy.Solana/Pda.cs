using System.Security.Cryptography;
using System.Text;

namespace IlmEnergy.Solana;

/// <summary>
/// Program derived addresses: SHA-256(seeds… || program id || "ProgramDerivedAddress"), valid only
/// when the result is off the Ed25519 curve, so that no private key can exist for it.
/// </summary>
public static class Pda
{
    public const int MaxSeeds = 16;
    public const int MaxSeedLength = 32;

    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("ProgramDerivedAddress");

    /// <summary>The address for exactly these seeds (the bump, if any, is the last seed), or false
    /// when the hash lands on the curve (Solana's InvalidSeeds).</summary>
    public static bool TryCreateProgramAddress(IReadOnlyList<byte[]> seeds, PublicKey programId, out PublicKey? address)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(programId);
        if (seeds.Count > MaxSeeds)
            throw new ArgumentException($"At most {MaxSeeds} seeds (including the bump), got {seeds.Count}.", nameof(seeds));

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var seed in seeds)
        {
            if (seed.Length > MaxSeedLength)
                throw new ArgumentException($"A seed is at most {MaxSeedLength} bytes, got {seed.Length}.", nameof(seeds));
            sha.AppendData(seed);
        }
        sha.AppendData(programId.AsSpan());
        sha.AppendData(Marker);
        var hash = sha.GetHashAndReset();

        if (Ed25519Curve.IsOnCurve(hash))
        {
            address = null;
            return false;
        }
        address = new PublicKey(hash);
        return true;
    }

    /// <summary>As <see cref="TryCreateProgramAddress"/>, throwing when the seeds give an on-curve point.</summary>
    public static PublicKey CreateProgramAddress(IReadOnlyList<byte[]> seeds, PublicKey programId) =>
        TryCreateProgramAddress(seeds, programId, out var address)
            ? address!
            : throw new ArgumentException("These seeds give a point on the Ed25519 curve, which is not a valid program address (InvalidSeeds).", nameof(seeds));

    /// <summary>The canonical PDA: tries bump 255 down to 0 and returns the first off-curve address.</summary>
    public static (PublicKey Address, byte Bump) FindProgramAddress(IReadOnlyList<byte[]> seeds, PublicKey programId)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count > MaxSeeds - 1)
            throw new ArgumentException($"At most {MaxSeeds - 1} seeds, since the bump takes the last place; got {seeds.Count}.", nameof(seeds));
        var withBump = new List<byte[]>(seeds) { new byte[1] };
        for (var bump = 255; bump >= 0; bump--)
        {
            withBump[^1] = [(byte)bump];
            if (TryCreateProgramAddress(withBump, programId, out var address))
                return (address!, (byte)bump);
        }
        throw new InvalidOperationException("No bump in 255..0 gives an off-curve address for these seeds.");
    }
}
