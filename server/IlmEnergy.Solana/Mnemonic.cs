using System.Security.Cryptography;
using System.Text;

namespace IlmEnergy.Solana;

/// <summary>
/// BIP39 mnemonics with the official English word list: entropy ↔ words with the SHA-256
/// checksum, and the 64-byte seed by PBKDF2-HMAC-SHA512 (2048 rounds, salt "mnemonic" + passphrase,
/// both NFKD-normalised).
/// </summary>
public static class Mnemonic
{
    private const int Pbkdf2Rounds = 2048;

    private static readonly Lazy<string[]> LazyWords = new(LoadWordList);
    private static readonly Lazy<Dictionary<string, int>> LazyIndex = new(
        () => LazyWords.Value.Select((word, i) => (word, i)).ToDictionary(p => p.word, p => p.i, StringComparer.Ordinal));

    /// <summary>The 2048 words of the official English list, in order.</summary>
    public static IReadOnlyList<string> EnglishWords => LazyWords.Value;

    /// <summary>Words for 16, 20, 24, 28 or 32 bytes of entropy (12 to 24 words).</summary>
    public static string FromEntropy(ReadOnlySpan<byte> entropy)
    {
        if (entropy.Length is < 16 or > 32 || entropy.Length % 4 != 0)
            throw new ArgumentException($"BIP39 entropy is 16, 20, 24, 28 or 32 bytes, got {entropy.Length}.", nameof(entropy));
        var checksumBits = entropy.Length / 4;
        var bits = new byte[entropy.Length + 1];
        entropy.CopyTo(bits);
        bits[^1] = SHA256.HashData(entropy)[0];

        var wordCount = (entropy.Length * 8 + checksumBits) / 11;
        var words = new string[wordCount];
        for (var w = 0; w < wordCount; w++)
            words[w] = LazyWords.Value[ReadBits(bits, w * 11, 11)];
        return string.Join(' ', words);
    }

    /// <summary>Checks words and checksum; on failure <paramref name="reason"/> says which word or that the checksum is wrong.</summary>
    public static bool TryValidate(string mnemonic, out string? reason)
    {
        try
        {
            ToEntropy(mnemonic);
            reason = null;
            return true;
        }
        catch (FormatException e)
        {
            reason = e.Message;
            return false;
        }
    }

    /// <summary>Recovers the entropy; throws <see cref="FormatException"/> for an unknown word, a wrong count or a bad checksum.</summary>
    public static byte[] ToEntropy(string mnemonic)
    {
        ArgumentNullException.ThrowIfNull(mnemonic);
        var words = SplitWords(mnemonic);
        if (words.Length is < 12 or > 24 || words.Length % 3 != 0)
            throw new FormatException($"A BIP39 mnemonic has 12, 15, 18, 21 or 24 words, this one has {words.Length}.");

        var totalBits = words.Length * 11;
        var checksumBits = totalBits / 33;
        var entropyLength = (totalBits - checksumBits) / 8;
        var bits = new byte[(totalBits + 7) / 8];
        for (var w = 0; w < words.Length; w++)
        {
            if (!LazyIndex.Value.TryGetValue(words[w], out var index))
                throw new FormatException($"Word {w + 1} ('{words[w]}') is not in the BIP39 English word list.");
            WriteBits(bits, w * 11, 11, index);
        }

        var entropy = bits[..entropyLength];
        var expected = SHA256.HashData(entropy)[0] >> (8 - checksumBits);
        var actual = ReadBits(bits, entropyLength * 8, checksumBits);
        if (expected != actual)
            throw new FormatException("The mnemonic's checksum is wrong: a word is mistyped or the words are out of order.");
        return entropy;
    }

    /// <summary>The 64-byte BIP39 seed. The mnemonic is validated first, since a typo would otherwise
    /// silently derive a different, empty wallet.</summary>
    public static byte[] ToSeed(string mnemonic, string passphrase = "")
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        ToEntropy(mnemonic);
        var password = Encoding.UTF8.GetBytes(Nfkd(string.Join(' ', SplitWords(mnemonic))));
        var salt = Encoding.UTF8.GetBytes("mnemonic" + Nfkd(passphrase));
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, Pbkdf2Rounds, HashAlgorithmName.SHA512, 64);
    }

    private static string[] SplitWords(string mnemonic) =>
        mnemonic.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.ToLowerInvariant()).ToArray();

    // Under InvariantGlobalization (set for every project in Directory.Build.props) string.Normalize
    // returns non-ASCII text unchanged instead of failing, which would silently derive a different seed.
    private static readonly bool CanNormalize = "\u00e4".Normalize(NormalizationForm.FormKD) == "a\u0308";

    private static string Nfkd(string text)
    {
        if (text.All(char.IsAscii))
            return text; // ASCII is already NFKD
        if (!CanNormalize)
            throw new NotSupportedException("This process cannot NFKD-normalise non-ASCII text (InvariantGlobalization is on), so a non-ASCII passphrase would derive a wrong seed; use an ASCII passphrase.");
        return text.Normalize(NormalizationForm.FormKD);
    }

    private static int ReadBits(byte[] data, int offset, int count)
    {
        var value = 0;
        for (var i = 0; i < count; i++)
        {
            var bit = offset + i;
            value = (value << 1) | ((data[bit / 8] >> (7 - bit % 8)) & 1);
        }
        return value;
    }

    private static void WriteBits(byte[] data, int offset, int count, int value)
    {
        for (var i = 0; i < count; i++)
        {
            var bit = offset + i;
            if (((value >> (count - 1 - i)) & 1) == 1)
                data[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }
    }

    private static string[] LoadWordList()
    {
        using var stream = typeof(Mnemonic).Assembly.GetManifestResourceStream("IlmEnergy.Solana.bip39-english.txt")
            ?? throw new InvalidOperationException("The embedded BIP39 English word list is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length != 2048)
            throw new InvalidOperationException($"The embedded BIP39 word list has {words.Length} words, not 2048.");
        return words;
    }
}
