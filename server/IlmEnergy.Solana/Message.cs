using SimpleBase;

namespace IlmEnergy.Solana;

/// <summary>The three counts at the start of a legacy message that say which keys sign and which are read-only.</summary>
public sealed record MessageHeader(byte NumRequiredSignatures, byte NumReadonlySignedAccounts, byte NumReadonlyUnsignedAccounts);

/// <summary>An instruction as it travels: indices into the message's account keys.</summary>
public sealed record CompiledInstruction(byte ProgramIdIndex, byte[] AccountIndices, byte[] Data);

/// <summary>
/// A legacy (pre-v0) transaction message: header, account keys ordered writable signers (fee payer
/// first), read-only signers, writable non-signers, read-only non-signers, the recent blockhash and
/// the compiled instructions. This is exactly the byte string that signers sign.
/// </summary>
public sealed class Message
{
    public Message(MessageHeader header, IReadOnlyList<PublicKey> accountKeys, byte[] recentBlockhash, IReadOnlyList<CompiledInstruction> instructions)
    {
        if (recentBlockhash.Length != 32)
            throw new ArgumentException("A blockhash is 32 bytes.", nameof(recentBlockhash));
        if (header.NumRequiredSignatures > accountKeys.Count)
            throw new ArgumentException("The header requires more signatures than there are account keys.", nameof(header));
        Header = header;
        AccountKeys = accountKeys;
        RecentBlockhash = recentBlockhash;
        Instructions = instructions;
    }

    public MessageHeader Header { get; }
    public IReadOnlyList<PublicKey> AccountKeys { get; }
    public byte[] RecentBlockhash { get; }
    public string RecentBlockhashBase58 => Base58.Bitcoin.Encode(RecentBlockhash);
    public IReadOnlyList<CompiledInstruction> Instructions { get; }

    public PublicKey FeePayer => AccountKeys[0];

    /// <summary>The keys that must sign, in signature order.</summary>
    public IEnumerable<PublicKey> Signers => AccountKeys.Take(Header.NumRequiredSignatures);

    public bool IsSigner(int index) => index < Header.NumRequiredSignatures;

    public bool IsWritable(int index) =>
        index < Header.NumRequiredSignatures
            ? index < Header.NumRequiredSignatures - Header.NumReadonlySignedAccounts
            : index < AccountKeys.Count - Header.NumReadonlyUnsignedAccounts;

    /// <summary>Builds the message: merges each account's flags across instructions (signer or writable
    /// anywhere means signer or writable everywhere), puts the fee payer first, then orders the groups.</summary>
    public static Message Compile(PublicKey feePayer, string recentBlockhash, IEnumerable<TransactionInstruction> instructions)
    {
        ArgumentNullException.ThrowIfNull(feePayer);
        byte[] blockhash;
        try
        {
            blockhash = new PublicKey(recentBlockhash).ToArray(); // same 32-byte base58 form as a key
        }
        catch (FormatException e)
        {
            throw new FormatException($"'{recentBlockhash}' is not a blockhash (32 bytes in base58).", e);
        }
        var list = instructions.ToList();
        if (list.Count == 0)
            throw new ArgumentException("A transaction needs at least one instruction.", nameof(instructions));

        // Insertion-ordered flags per key; the fee payer is a writable signer by definition.
        var order = new List<PublicKey> { feePayer };
        var flags = new Dictionary<PublicKey, (bool Signer, bool Writable)> { [feePayer] = (true, true) };
        void Add(PublicKey key, bool signer, bool writable)
        {
            if (flags.TryGetValue(key, out var f))
                flags[key] = (f.Signer || signer, f.Writable || writable);
            else
            {
                order.Add(key);
                flags[key] = (signer, writable);
            }
        }
        foreach (var ix in list)
        {
            foreach (var meta in ix.Accounts)
                Add(meta.PublicKey, meta.IsSigner, meta.IsWritable);
            Add(ix.ProgramId, false, false);
        }

        // The fee payer stays first: it is the first writable signer and OrderBy is stable.
        var keys = order.OrderBy(k => flags[k] switch
        {
            (true, true) => 0,
            (true, false) => 1,
            (false, true) => 2,
            _ => 3,
        }).ToList();
        if (keys.Count > 256)
            throw new ArgumentException($"A legacy message addresses at most 256 accounts, this one needs {keys.Count}.", nameof(instructions));

        var header = new MessageHeader(
            (byte)keys.Count(k => flags[k].Signer),
            (byte)keys.Count(k => flags[k] is (true, false)),
            (byte)keys.Count(k => flags[k] is (false, false)));
        var index = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => (byte)p.i);
        var compiled = list.Select(ix => new CompiledInstruction(
            index[ix.ProgramId],
            ix.Accounts.Select(a => index[a.PublicKey]).ToArray(),
            ix.Data)).ToList();
        return new Message(header, keys, blockhash, compiled);
    }

    public byte[] Serialize()
    {
        using var ms = new MemoryStream();
        ms.WriteByte(Header.NumRequiredSignatures);
        ms.WriteByte(Header.NumReadonlySignedAccounts);
        ms.WriteByte(Header.NumReadonlyUnsignedAccounts);
        ShortVec.Write(ms, AccountKeys.Count);
        foreach (var key in AccountKeys)
            ms.Write(key.AsSpan());
        ms.Write(RecentBlockhash);
        ShortVec.Write(ms, Instructions.Count);
        foreach (var ix in Instructions)
        {
            ms.WriteByte(ix.ProgramIdIndex);
            ShortVec.Write(ms, ix.AccountIndices.Length);
            ms.Write(ix.AccountIndices);
            ShortVec.Write(ms, ix.Data.Length);
            ms.Write(ix.Data);
        }
        return ms.ToArray();
    }

    /// <summary>Parses a legacy message (e.g. raw bytes kept by the payout ledger); throws <see cref="FormatException"/> on malformed input.</summary>
    public static Message Deserialize(ReadOnlySpan<byte> data) => Deserialize(data, out _);

    internal static Message Deserialize(ReadOnlySpan<byte> data, out int bytesRead)
    {
        var reader = new SpanReader(data);
        var first = reader.Byte();
        if ((first & 0x80) != 0)
            throw new FormatException("This is a versioned (v0+) message; only legacy messages are supported.");
        var header = new MessageHeader(first, reader.Byte(), reader.Byte());
        var keyCount = reader.ShortVec();
        var keys = new List<PublicKey>(keyCount);
        for (var i = 0; i < keyCount; i++)
            keys.Add(new PublicKey(reader.Bytes(32)));
        var blockhash = reader.Bytes(32).ToArray();
        var ixCount = reader.ShortVec();
        var instructions = new List<CompiledInstruction>(ixCount);
        for (var i = 0; i < ixCount; i++)
        {
            var programIndex = reader.Byte();
            var accounts = reader.Bytes(reader.ShortVec()).ToArray();
            var ixData = reader.Bytes(reader.ShortVec()).ToArray();
            if (programIndex >= keyCount || accounts.Any(a => a >= keyCount))
                throw new FormatException($"Instruction {i} refers to an account index beyond the {keyCount} keys.");
            instructions.Add(new CompiledInstruction(programIndex, accounts, ixData));
        }
        bytesRead = reader.Position;
        try
        {
            return new Message(header, keys, blockhash, instructions);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }
}

/// <summary>Bounds-checked forward reader over wire bytes; every overrun is a FormatException.</summary>
internal ref struct SpanReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; }

    public byte Byte() => Bytes(1)[0];

    public ReadOnlySpan<byte> Bytes(int count)
    {
        if (count < 0 || Position + count > _data.Length)
            throw new FormatException($"Truncated: needed {count} bytes at offset {Position}, {_data.Length - Position} left.");
        var slice = _data.Slice(Position, count);
        Position += count;
        return slice;
    }

    public int ShortVec()
    {
        var value = Solana.ShortVec.Decode(_data[Position..], out var read);
        Position += read;
        return value;
    }
}
