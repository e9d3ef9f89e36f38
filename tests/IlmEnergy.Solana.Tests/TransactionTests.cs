using IlmEnergy.Solana.Instructions;
using Xunit.Abstractions;

namespace IlmEnergy.Solana.Tests;

public class TransactionTests(ITestOutputHelper output)
{
    private const string Blockhash = "EETubP5AKHgjPAhzPAFcb8BAY1hMH639CWCFTqi3hq1k";

    [Fact]
    public void Compile_orders_keys_payer_first_then_by_signer_and_writable()
    {
        var payer = new PublicKey("HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk");
        var readonlySigner = new PublicKey("3ECJhLBQ9DAuKBKNjQGLEk3YqoFcF1YvhdayQ2C96eXF");
        var writable = new PublicKey("DShWnroshVbeUp28oopA3Pu7oFPDBtC1DBmPECXXAQ9n");
        var readonlyKey = new PublicKey("7o36UsWR1JQLpZ9PE2gn9L4SQ69CNNiWAXd4Jt7rqz9Z");
        var program = new PublicKey("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr");
        var ix = new TransactionInstruction(program,
            [AccountMeta.ReadOnly(readonlyKey), AccountMeta.Writable(writable), AccountMeta.ReadOnly(readonlySigner, true), AccountMeta.ReadOnly(payer)], [1]);
        // The same key read-only in one instruction and writable in another is writable.
        var ix2 = new TransactionInstruction(program, [AccountMeta.Writable(readonlyKey)], [2]);

        var message = Message.Compile(payer, Blockhash, [ix, ix2]);

        Assert.Equal([payer, readonlySigner, readonlyKey, writable, program], message.AccountKeys);
        Assert.Equal(new MessageHeader(2, 1, 1), message.Header);
        Assert.Equal([2, 3, 1, 0], message.Instructions[0].AccountIndices);
        Assert.Equal(4, message.Instructions[0].ProgramIdIndex);
        Assert.True(message.IsWritable(0) && !message.IsWritable(1) && message.IsWritable(2) && message.IsWritable(3) && !message.IsWritable(4));
    }

    [Fact]
    public void Signed_transaction_round_trips_and_verifies()
    {
        using var payer = Keypair.Generate();
        using var owner = Keypair.Generate();
        var mint = new PublicKey("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v");
        var source = AssociatedTokenAccount.Derive(owner.PublicKey, mint);
        var tx = Transaction.Create(payer.PublicKey, Blockhash,
            [TokenProgram.TransferChecked(source, mint, AssociatedTokenAccount.Derive(payer.PublicKey, mint), owner.PublicKey, 5, 6), MemoProgram.Memo("dr1:1")],
            payer, owner);

        var wire = tx.Serialize();
        Assert.Equal(tx.Size, wire.Length);
        Assert.True(tx.VerifySignatures());
        Assert.Equal(2, wire[0]);

        var parsed = Transaction.Deserialize(wire);
        Assert.Equal(tx.Id, parsed.Id);
        Assert.Equal(wire, parsed.Serialize());
        Assert.Equal(Blockhash, parsed.Message.RecentBlockhashBase58);
        Assert.True(parsed.VerifySignatures());

        wire[^1] ^= 1; // flip a bit of the memo
        Assert.False(Transaction.Deserialize(wire).VerifySignatures());
    }

    [Fact]
    public void Missing_or_foreign_signers_are_errors()
    {
        using var payer = Keypair.Generate();
        using var owner = Keypair.Generate();
        using var stranger = Keypair.Generate();
        var ix = MemoProgram.Memo("x", owner.PublicKey);
        var missing = Assert.Throws<InvalidOperationException>(() => Transaction.Create(payer.PublicKey, Blockhash, [ix], payer));
        Assert.Contains(owner.PublicKey.ToBase58(), missing.Message);
        var tx = new Transaction(Message.Compile(payer.PublicKey, Blockhash, [ix]));
        Assert.Throws<ArgumentException>(() => tx.Sign(stranger));
        Assert.False(tx.IsFullySigned);
    }

    [Theory]
    [InlineData("")]
    [InlineData("01")]
    [InlineData("0100")]
    public void Malformed_wire_bytes_give_a_format_error(string hex) =>
        Assert.Throws<FormatException>(() => Transaction.Deserialize(Hex.Bytes(hex)));

    [Fact]
    public void Truncated_real_transaction_gives_a_format_error_at_every_length()
    {
        using var payer = Keypair.Generate();
        var wire = Transaction.Create(payer.PublicKey, Blockhash, [MemoProgram.Memo("hello")], payer).Serialize();
        for (var length = 0; length < wire.Length; length++)
            Assert.Throws<FormatException>(() => Transaction.Deserialize(wire.AsSpan(0, length)));
    }

    /// <summary>Payout batch sizing (one signer, legacy message): how many recipients fit in 1232 bytes.
    /// depin_anchors.md §4 estimates 19 transfers, 17 with a 64-byte memo, 8 with CreateIdempotent each.</summary>
    [Fact]
    public void Payout_batch_sizes_fit_the_packet_limit()
    {
        using var treasury = Keypair.Generate();
        var mint = new PublicKey("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v");
        var source = AssociatedTokenAccount.Derive(treasury.PublicKey, mint);
        var owners = Enumerable.Range(0, 40).Select(_ => { using var k = Keypair.Generate(); return k.PublicKey; }).ToList();

        int MaxRecipients(bool createAta, string? memo)
        {
            var best = 0;
            for (var n = 1; n <= owners.Count; n++)
            {
                var ixs = new List<TransactionInstruction> { ComputeBudgetProgram.SetComputeUnitLimit(400_000), ComputeBudgetProgram.SetComputeUnitPrice(1000) };
                foreach (var owner in owners.Take(n))
                {
                    if (createAta)
                        ixs.Add(AssociatedTokenProgram.CreateIdempotent(treasury.PublicKey, owner, mint));
                    ixs.Add(TokenProgram.TransferChecked(source, mint, AssociatedTokenAccount.Derive(owner, mint), treasury.PublicKey, 1, 6));
                }
                if (memo is not null)
                    ixs.Add(MemoProgram.Memo(memo));
                var size = Transaction.Create(treasury.PublicKey, Blockhash, ixs, treasury).Size;
                if (size > Transaction.MaxSize)
                    break;
                best = n;
            }
            return best;
        }

        var plain = MaxRecipients(false, null);
        var withMemo = MaxRecipients(false, new string('m', 64));
        var withCreate = MaxRecipients(true, new string('m', 64));
        output.WriteLine($"recipients per 1232-byte tx: {plain} transfers; {withMemo} with a 64-byte memo; {withCreate} with CreateIdempotent + memo");
        Assert.Equal(19, plain);
        Assert.Equal(17, withMemo);
        Assert.Equal(8, withCreate);
    }
}
