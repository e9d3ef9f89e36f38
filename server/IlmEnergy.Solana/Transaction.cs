using SimpleBase;

namespace IlmEnergy.Solana;

/// <summary>
/// A legacy transaction: compact-u16 signature count, the 64-byte signatures in the order of the
/// message's signer keys, then the message. The first signature is the transaction id.
/// </summary>
public sealed class Transaction
{
    /// <summary>PACKET_DATA_SIZE: 1280 (IPv6 minimum MTU) − 40 (IPv6 header) − 8 (fragment header).</summary>
    public const int MaxSize = 1232;

    public const int SignatureLength = 64;

    private readonly byte[][] _signatures;
    private readonly byte[] _messageBytes;

    public Transaction(Message message)
    {
        Message = message ?? throw new ArgumentNullException(nameof(message));
        _messageBytes = message.Serialize();
        _signatures = Enumerable.Range(0, message.Header.NumRequiredSignatures).Select(_ => new byte[SignatureLength]).ToArray();
    }

    private Transaction(Message message, byte[] messageBytes, byte[][] signatures)
    {
        Message = message;
        _messageBytes = messageBytes;
        _signatures = signatures;
    }

    public Message Message { get; }

    /// <summary>The bytes every signer signs.</summary>
    public ReadOnlySpan<byte> MessageBytes => _messageBytes;

    public IReadOnlyList<byte[]> Signatures => _signatures;

    /// <summary>The transaction id: base58 of the fee payer's signature.</summary>
    public string Id => Base58.Bitcoin.Encode(_signatures[0]);

    public bool IsFullySigned => _signatures.All(s => s.Any(b => b != 0));

    /// <summary>Wire size in bytes; must not exceed <see cref="MaxSize"/> to be sent.</summary>
    public int Size => ShortVec.EncodedLength(_signatures.Length) + _signatures.Length * SignatureLength + _messageBytes.Length;

    /// <summary>Builds, compiles and signs in one step; every required signer must be given.</summary>
    public static Transaction Create(PublicKey feePayer, string recentBlockhash, IEnumerable<TransactionInstruction> instructions, params ISigner[] signers)
    {
        var tx = new Transaction(Message.Compile(feePayer, recentBlockhash, instructions));
        tx.Sign(signers);
        if (!tx.IsFullySigned)
        {
            var missing = tx.Message.Signers.Where((_, i) => tx._signatures[i].All(b => b == 0));
            throw new InvalidOperationException("Missing signatures for: " + string.Join(", ", missing));
        }
        return tx;
    }

    /// <summary>Adds signatures; a signer whose key the message does not require is an error, not ignored.</summary>
    public void Sign(params ISigner[] signers)
    {
        var signerKeys = Message.Signers.ToList();
        foreach (var signer in signers)
        {
            var slot = signerKeys.IndexOf(signer.PublicKey);
            if (slot < 0)
                throw new ArgumentException($"{signer.PublicKey} is not a required signer of this message.", nameof(signers));
            _signatures[slot] = signer.Sign(_messageBytes);
        }
    }

    /// <summary>True when every required signature is present and verifies against the message.</summary>
    public bool VerifySignatures() =>
        Message.Signers.Select((key, i) => Keypair.Verify(key, _messageBytes, _signatures[i])).All(ok => ok);

    public byte[] Serialize()
    {
        var bytes = new byte[Size];
        var count = ShortVec.Encode(_signatures.Length);
        count.CopyTo(bytes, 0);
        var offset = count.Length;
        foreach (var signature in _signatures)
        {
            signature.CopyTo(bytes, offset);
            offset += SignatureLength;
        }
        _messageBytes.CopyTo(bytes, offset);
        return bytes;
    }

    public string ToBase64() => Convert.ToBase64String(Serialize());

    /// <summary>Parses wire bytes (e.g. what the payout ledger stored before sending).</summary>
    public static Transaction Deserialize(ReadOnlySpan<byte> wire)
    {
        var count = ShortVec.Decode(wire, out var offset);
        var signatures = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            if (offset + SignatureLength > wire.Length)
                throw new FormatException("Truncated transaction: a signature is cut short.");
            signatures[i] = wire.Slice(offset, SignatureLength).ToArray();
            offset += SignatureLength;
        }
        var messageBytes = wire[offset..];
        var message = Message.Deserialize(messageBytes, out var read);
        if (read != messageBytes.Length)
            throw new FormatException($"{messageBytes.Length - read} trailing bytes after the message.");
        if (message.Header.NumRequiredSignatures != count)
            throw new FormatException($"The message needs {message.Header.NumRequiredSignatures} signatures, the transaction carries {count}.");
        return new Transaction(message, messageBytes.ToArray(), signatures);
    }
}
