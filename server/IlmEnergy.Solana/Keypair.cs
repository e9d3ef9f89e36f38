using System.Text.Json;
using NSec.Cryptography;

namespace IlmEnergy.Solana;

/// <summary>
/// An Ed25519 keypair held by NSec (libsodium). Reads and writes the Solana CLI keypair file: a JSON
/// array of 64 numbers, the 32-byte seed followed by the 32-byte public key. The secret never
/// appears in <see cref="ToString"/>.
/// </summary>
public sealed class Keypair : ISigner, IDisposable
{
    public const int SeedLength = 32;
    public const int SecretKeyLength = 64;

    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    // The secret must be exportable to write Solana CLI keypair files.
    private static KeyCreationParameters Exportable => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    private readonly Key _key;

    private Keypair(Key key)
    {
        _key = key;
        PublicKey = new PublicKey(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public PublicKey PublicKey { get; }

    public static Keypair Generate() => new(Key.Create(Ed25519, Exportable));

    /// <summary>The keypair whose 32-byte Ed25519 seed (the "private key" of RFC 8032) is given.</summary>
    public static Keypair FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedLength)
            throw new ArgumentException($"An Ed25519 seed is {SeedLength} bytes, got {seed.Length}.", nameof(seed));
        return new Keypair(Key.Import(Ed25519, seed, KeyBlobFormat.RawPrivateKey, Exportable));
    }

    /// <summary>From Solana's 64-byte secret key (seed || public key); refuses a mismatched public half.</summary>
    public static Keypair FromSecretKey(ReadOnlySpan<byte> secretKey)
    {
        if (secretKey.Length != SecretKeyLength)
            throw new ArgumentException($"A Solana secret key is {SecretKeyLength} bytes (seed || public key), got {secretKey.Length}.", nameof(secretKey));
        var keypair = FromSeed(secretKey[..SeedLength]);
        if (!keypair.PublicKey.AsSpan().SequenceEqual(secretKey[SeedLength..]))
        {
            keypair.Dispose();
            throw new ArgumentException("The public key half of the secret key does not belong to its seed.", nameof(secretKey));
        }
        return keypair;
    }

    /// <summary>The Solana wallet key at m/44'/501'/<paramref name="account"/>'/0' of a BIP39 mnemonic, as Phantom and the Solana CLI derive it.</summary>
    public static Keypair FromMnemonic(string mnemonic, string passphrase = "", uint account = 0)
    {
        var seed = Mnemonic.ToSeed(mnemonic, passphrase);
        var node = Slip10.DerivePath(seed, Slip10.SolanaPath(account));
        return FromSeed(node.Key);
    }

    public byte[] Sign(ReadOnlySpan<byte> message) => Ed25519.Sign(_key, message);

    /// <summary>The 64-byte secret key (seed || public key). Handle with care.</summary>
    public byte[] ExportSecretKey()
    {
        var secret = new byte[SecretKeyLength];
        _key.Export(KeyBlobFormat.RawPrivateKey).CopyTo(secret, 0);
        PublicKey.AsSpan().CopyTo(secret.AsSpan(SeedLength));
        return secret;
    }

    public static bool Verify(PublicKey signer, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64)
            return false;
        if (!NSec.Cryptography.PublicKey.TryImport(Ed25519, signer.AsSpan(), KeyBlobFormat.RawPublicKey, out var key) || key is null)
            return false;
        return Ed25519.Verify(key, message, signature);
    }

    /// <summary>The Solana CLI file format: a JSON array of the 64 secret key bytes.</summary>
    public string ToJson() => "[" + string.Join(",", ExportSecretKey()) + "]";

    public static Keypair FromJson(string json)
    {
        byte[] bytes;
        try
        {
            var numbers = JsonSerializer.Deserialize<int[]>(json)
                ?? throw new FormatException("The keypair file holds null instead of an array of 64 numbers.");
            if (numbers.Length != SecretKeyLength)
                throw new FormatException($"A Solana keypair file holds {SecretKeyLength} numbers, this one holds {numbers.Length}.");
            if (numbers.Any(n => n is < 0 or > 255))
                throw new FormatException("A Solana keypair file holds bytes (0-255) only.");
            bytes = numbers.Select(n => (byte)n).ToArray();
        }
        catch (JsonException e)
        {
            throw new FormatException("A Solana keypair file is a JSON array of 64 numbers: " + e.Message, e);
        }
        try
        {
            return FromSecretKey(bytes);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
        finally
        {
            Array.Clear(bytes);
        }
    }

    /// <summary>Reads a Solana CLI keypair file. On Unix, refuses a file that group or others can read or write,
    /// as ssh does, because such a key must be taken as leaked.</summary>
    public static Keypair ReadFromFile(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode groupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
            if ((mode & groupOrOthers) != 0)
                throw new UnauthorizedAccessException(
                    $"Refusing keypair file '{path}': its permissions ({Convert.ToString((int)mode, 8)}) let group or others read or write it. Run: chmod 600 '{path}'.");
        }
        return FromJson(File.ReadAllText(path));
    }

    /// <summary>Writes the Solana CLI keypair file, created readable and writable by the owner only (0600).</summary>
    public void WriteToFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(ToJson());
    }

    public override string ToString() => $"Keypair({PublicKey})";

    public void Dispose() => _key.Dispose();
}
