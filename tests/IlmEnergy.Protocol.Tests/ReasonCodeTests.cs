using System.Formats.Cbor;
using System.Text.RegularExpressions;
using NSec.Cryptography;
using static IlmEnergy.Protocol.Tests.Decoding;

namespace IlmEnergy.Protocol.Tests;

/// <summary>Every decode-stage reason code (100–109) produced by a crafted message, asserted by name.</summary>
public sealed class ReasonCodeTests
{
    private static readonly Key DeviceKey = TestEncoder.NewKey(0x11);

    private static byte[] SignPayload(SortedDictionary<ulong, object> payload, EnvelopeOptions? options = null) =>
        TestEncoder.Sign(TestEncoder.EncodePayload(payload), DeviceKey, options);

    private static byte[] WithReadings(Action<SortedDictionary<ulong, object>> change)
    {
        var payload = TestEncoder.ReadingsPayload();
        change(payload);
        return SignPayload(payload);
    }

    private static object[] Samples(SortedDictionary<ulong, object> p) => (object[])p[7];

    [Fact]
    public void Enum_matches_the_reason_table_of_the_spec()
    {
        string spec = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "protocol.md"));
        var rows = Regex.Matches(spec, @"^\| (\d{3}) \| (\w+) \|", RegexOptions.Multiline);
        Assert.Equal(20, rows.Count);
        foreach (Match row in rows)
            Assert.Equal(row.Groups[2].Value, ((RejectReason)int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToString());
        Assert.Equal(20, Enum.GetValues<RejectReason>().Length);
    }

    [Fact]
    public void Valid_six_sample_batch_is_accepted_with_its_fields()
    {
        var batch = AssertAcceptedReadings(TestEncoder.SignedReadings(DeviceKey));
        Assert.Equal(1042, batch.Seq);
        Assert.Equal(7u, batch.Boot);
        Assert.Equal("athom-plug-v3", batch.Board);
        Assert.Equal("0.1.0+g1a2b3c", batch.Firmware);
        Assert.Equal(ReadingFlags.None, batch.Flags);
        Assert.Equal(6, batch.Samples.Count);
        Assert.Equal(new ReadingSample(1_763_971_210_000, 1_234_734, 60_250, 230_120, 262, true), batch.Samples[0]);
        Assert.Equal(DateTimeOffset.Parse("2025-11-24T08:00:10Z", System.Globalization.CultureInfo.InvariantCulture), batch.Samples[0].Time);
        Assert.Equal(60_250 - 5 * 13, batch.Samples[5].PowerMw);
        Assert.Equal(0, batch.Dropped);
        Assert.Empty(batch.DrReports);
    }

    // ---- 100 MessageTooLarge -------------------------------------------------------------------

    [Fact]
    public void MessageTooLarge_above_4096_bytes_but_not_at_4096()
    {
        // Pad with an unknown key so that the message is well-formed and correctly signed.
        byte[] PaddedTo(int total)
        {
            for (int pad = total - 400; pad < total; pad++)
            {
                var message = WithReadings(p => p[12] = new byte[pad]);
                if (message.Length == total)
                    return message;
            }
            throw new InvalidOperationException($"cannot build a {total}-byte message");
        }
        AssertRejected("SchemaViolation", PaddedTo(4096)); // at the limit: decoded, then the unknown key is refused
        string detail = AssertRejected("MessageTooLarge", PaddedTo(4097));
        Assert.Contains("4097", detail, StringComparison.Ordinal);
        AssertRejected("MessageTooLarge", new byte[1_000_000]);
    }

    // ---- 101 MalformedCbor --------------------------------------------------------------------

    [Fact]
    public void MalformedCbor_for_broken_or_non_deterministic_bytes()
    {
        var valid = TestEncoder.SignedReadings(DeviceKey);
        AssertRejected("MalformedCbor", []);
        AssertRejected("MalformedCbor", valid[..^1]);                       // truncated
        AssertRejected("MalformedCbor", [.. valid, 0x00]);                  // a second top-level item
        AssertRejected("MalformedCbor", [0xD8, 0x12, 0x9F, 0xFF]);          // indefinite-length array
        AssertRejected("MalformedCbor", [0xD8, 0x12, 0x98, 0x04, 0x43, 0xA1, 0x01, 0x27]); // non-shortest array length
        AssertRejected("MalformedCbor", [0xFF]);                            // lone break
    }

    [Fact]
    public void MalformedCbor_inside_a_correctly_signed_payload()
    {
        // Non-shortest integer (seq 1042 written with an 8-byte head).
        AssertRejected("MalformedCbor", WithReadings(p => p[2] = new RawCbor([0x1B, 0, 0, 0, 0, 0, 0, 0x04, 0x12])));
        // Indefinite-length samples array.
        AssertRejected("MalformedCbor", WithReadings(p => p[7] = new RawCbor([0x9F, 0x86, 0x01, 0x01, 0x01, 0x01, 0x01, 0xF5, 0xFF])));
        // Invalid UTF-8 in the firmware string.
        AssertRejected("MalformedCbor", WithReadings(p => p[5] = new RawCbor([0x62, 0xC3, 0x28])));
        // Trailing byte after the payload map.
        AssertRejected("MalformedCbor", TestEncoder.Sign([.. TestEncoder.EncodePayload(TestEncoder.ReadingsPayload()), 0x00], DeviceKey));
    }

    [Fact]
    public void MalformedCbor_for_unsorted_or_duplicate_payload_keys()
    {
        var sorted = TestEncoder.EncodePayload(TestEncoder.ReadingsPayload());
        // Swap keys 2 and 3 by writing the map by hand in the wrong order.
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(8);
        var p = TestEncoder.ReadingsPayload();
        foreach (ulong key in new ulong[] { 0, 1, 3, 2, 4, 5, 6, 7 })
        {
            writer.WriteUInt64(key);
            TestEncoder.WriteValue(writer, p[key]);
        }
        writer.WriteEndMap();
        AssertRejected("MalformedCbor", TestEncoder.Sign(writer.Encode(), DeviceKey));

        var duplicate = new CborWriter(CborConformanceMode.Lax);
        duplicate.WriteStartMap(9);
        foreach (ulong key in new ulong[] { 0, 1, 2, 2, 3, 4, 5, 6, 7 })
        {
            duplicate.WriteUInt64(key);
            TestEncoder.WriteValue(duplicate, p[key]);
        }
        duplicate.WriteEndMap();
        AssertRejected("MalformedCbor", TestEncoder.Sign(duplicate.Encode(), DeviceKey));
        Assert.NotEmpty(sorted);
    }

    // ---- 102 NotCoseSign1 ---------------------------------------------------------------------

    [Fact]
    public void NotCoseSign1_for_wrong_tag_shape_or_header_labels()
    {
        var payload = TestEncoder.EncodePayload(TestEncoder.ReadingsPayload());
        AssertRejected("NotCoseSign1", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { Tag = null }));
        AssertRejected("NotCoseSign1", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { Tag = 17 })); // COSE_Mac0
        AssertRejected("NotCoseSign1", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { Tag = 98 })); // COSE_Sign
        // {1: -8, 3: 0}: an extra label in the protected header.
        AssertRejected("NotCoseSign1", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { ProtectedHeader = [0xA2, 0x01, 0x27, 0x03, 0x00] }));
        // Empty protected header (legal COSE, but v1 requires the alg there).
        AssertRejected("NotCoseSign1", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { ProtectedHeader = [] }));
        // Three items; wrong item types; nested tag.
        AssertRejected("NotCoseSign1", [0xD2, 0x83, 0x43, 0xA1, 0x01, 0x27, 0xA0, 0x40]);
        AssertRejected("NotCoseSign1", [0xD2, 0x84, 0x43, 0xA1, 0x01, 0x27, 0xA0, 0xF6, 0x40]);  // nil payload (detached)
        AssertRejected("NotCoseSign1", [0xD2, 0x84, 0xA1, 0x01, 0x27, 0xA0, 0x40, 0x40]);        // protected not a bstr
        AssertRejected("NotCoseSign1", [0xD2, 0xD2, 0x84, 0x43, 0xA1, 0x01, 0x27, 0xA0, 0x40, 0x40]);
        AssertRejected("NotCoseSign1", [0x01]);
    }

    // ---- 103 UnsupportedAlgorithm -------------------------------------------------------------

    [Theory]
    [InlineData(new byte[] { 0xA1, 0x01, 0x26 }, "-7")]                     // ES256
    [InlineData(new byte[] { 0xA1, 0x01, 0x38, 0x22 }, "-35")]              // ES384
    [InlineData(new byte[] { 0xA1, 0x01, 0x65, 0x45, 0x64, 0x44, 0x53, 0x41 }, "\"EdDSA\"")] // text alg
    public void UnsupportedAlgorithm_for_other_alg_values(byte[] protectedHeader, string algInDetail)
    {
        var message = TestEncoder.Sign(TestEncoder.EncodePayload(TestEncoder.ReadingsPayload()), DeviceKey,
            new EnvelopeOptions { ProtectedHeader = protectedHeader });
        Assert.Contains(algInDetail, AssertRejected("UnsupportedAlgorithm", message), StringComparison.Ordinal);
    }

    // ---- 104 BadKeyId --------------------------------------------------------------------------

    [Fact]
    public void BadKeyId_for_wrong_kid_shape()
    {
        var payload = TestEncoder.EncodePayload(TestEncoder.ReadingsPayload());
        var kid = TestEncoder.PublicKeyOf(DeviceKey);
        AssertRejected("BadKeyId", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { KeyId = kid[..31] }));
        AssertRejected("BadKeyId", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { KeyId = [.. kid, 0] }));
        AssertRejected("BadKeyId", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { UnprotectedHeader = [0xA0] }));
        // {4: kid, 5: h''}: an extra label.
        AssertRejected("BadKeyId", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { UnprotectedHeader = [0xA2, 0x04, 0x58, 0x20, .. kid, 0x05, 0x40] }));
        // kid as a text string.
        AssertRejected("BadKeyId", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { UnprotectedHeader = [0xA1, 0x04, 0x61, 0x41] }));
        // {3: kid}: wrong label.
        AssertRejected("BadKeyId", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { UnprotectedHeader = [0xA1, 0x03, 0x58, 0x20, .. kid] }));
    }

    public static TheoryData<string, string> InvalidKeys => new()
    {
        // Identity point (small order).
        { "0100000000000000000000000000000000000000000000000000000000000000", "small-order" },
        // A point of order 8 (RFC 8032 / CCTV low-order list).
        { "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", "small-order" },
        // y = 0: a point of order 4.
        { "0000000000000000000000000000000000000000000000000000000000000000", "small-order" },
        // y = −1: the point of order 2.
        { "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", "small-order" },
        // y = p (non-canonical encoding of y = 0).
        { "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", "non-canonical" },
        // y = 2 is not on the curve.
        { "0200000000000000000000000000000000000000000000000000000000000000", "not a point" },
    };

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public void BadKeyId_for_keys_libsodium_refuses(string keyHex, string problem)
    {
        var message = TestEncoder.Sign(TestEncoder.EncodePayload(TestEncoder.ReadingsPayload()), DeviceKey,
            new EnvelopeOptions { KeyId = Convert.FromHexString(keyHex) });
        Assert.Contains(problem, AssertRejected("BadKeyId", message), StringComparison.Ordinal);
    }

    [Fact]
    public void BadKeyId_when_the_kid_is_not_the_expected_signer()
    {
        var other = DeviceId.FromPublicKey(TestEncoder.PublicKeyOf(TestEncoder.NewKey(0x22)));
        var pinned = new UplinkDecoder(new UplinkDecoderOptions { ExpectedSigner = other });
        AssertRejected("BadKeyId", TestEncoder.SignedReadings(DeviceKey), pinned);
        var own = new UplinkDecoder(new UplinkDecoderOptions { ExpectedSigner = DeviceId.FromPublicKey(TestEncoder.PublicKeyOf(DeviceKey)) });
        Assert.True(own.Decode(TestEncoder.SignedReadings(DeviceKey)).IsAccepted);
    }

    // ---- 105 BadSignature ---------------------------------------------------------------------

    [Fact]
    public void BadSignature_for_wrong_or_misshapen_signatures()
    {
        var payload = TestEncoder.EncodePayload(TestEncoder.ReadingsPayload());
        AssertRejected("BadSignature", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { Signature = s => { s[10] ^= 1; return s; } }));
        AssertRejected("BadSignature", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { Signature = s => s[..63] }));
        AssertRejected("BadSignature", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { Signature = _ => [] }));
        // Signed by another key, claiming ours.
        AssertRejected("BadSignature", TestEncoder.Sign(payload, TestEncoder.NewKey(0x33), new EnvelopeOptions { KeyId = TestEncoder.PublicKeyOf(DeviceKey) }));
        // Signature over a different protected header than the one sent.
        var signedOverEs256 = TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { ProtectedHeader = [0xA1, 0x01, 0x26] });
        var relabelled = (byte[])signedOverEs256.Clone();
        relabelled[5] = 0x27; // D2 84 43 A1 01 [26→27]
        AssertRejected("BadSignature", relabelled);
        // Non-canonical S (S + L) is refused by libsodium even though it "verifies" mathematically.
        AssertRejected("BadSignature", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { Signature = AddGroupOrderToS }));
    }

    private static byte[] AddGroupOrderToS(byte[] signature)
    {
        var l = System.Numerics.BigInteger.Pow(2, 252) + System.Numerics.BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);
        var s = new System.Numerics.BigInteger(signature.AsSpan(32), isUnsigned: true) + l;
        var result = (byte[])signature.Clone();
        var sBytes = s.ToByteArray(isUnsigned: true);
        Array.Clear(result, 32, 32);
        sBytes.CopyTo(result, 32);
        return result;
    }

    // ---- 106 SchemaViolation ------------------------------------------------------------------

    public static TheoryData<string, Action<SortedDictionary<ulong, object>>> SchemaViolations => new()
    {
        { "missing seq", p => p.Remove(2) },
        { "missing samples", p => p.Remove(7) },
        { "unknown key 12", p => p[12] = 1UL },
        { "hello key in a batch", p => p[10] = 1UL },
        { "seq as text", p => p[2] = "1042" },
        { "negative seq", p => p[2] = -1L },
        { "reserved flag bit 7", p => p[6] = 0x80UL },
        { "board with capitals", p => p[4] = "Sonoff-S31" },
        { "board empty", p => p[4] = "" },
        { "fw with newline", p => p[5] = "0.1\n" },
        { "empty samples", p => p[7] = Array.Empty<object>() },
        { "sample of 5 items", p => Samples(p)[2] = ((object[])Samples(p)[2])[..5] },
        { "relay as integer", p => ((object[])Samples(p)[1])[5] = 1UL },
        { "power as text", p => ((object[])Samples(p)[1])[2] = "60" },
        { "equal timestamps", p => ((object[])Samples(p)[3])[0] = ((object[])Samples(p)[2])[0] },
        { "decreasing timestamps", p => (Samples(p)[3], Samples(p)[4]) = (Samples(p)[4], Samples(p)[3]) },
        { "energy decreases", p => ((object[])Samples(p)[4])[1] = 5UL },
        { "two decreases with CounterReset", p => { p[6] = 2UL; ((object[])Samples(p)[2])[1] = 5UL; ((object[])Samples(p)[4])[1] = 6UL; } },
        { "dropped 0", p => p[8] = 0UL },
        { "dr empty", p => p[9] = Array.Empty<object>() },
        { "dr outcome 9", p => p[9] = new object[] { new object[] { "cmd-1", 9UL, 1_763_971_200_000UL } } },
        { "dr report of 2 items", p => p[9] = new object[] { new object[] { "cmd-1", 2UL } } },
        { "dr id empty", p => p[9] = new object[] { new object[] { "", 2UL, 1_763_971_200_000UL } } },
    };

    [Theory]
    [MemberData(nameof(SchemaViolations))]
    public void SchemaViolation_for_each_readings_rule(string name, Action<SortedDictionary<ulong, object>> change)
    {
        Assert.NotEmpty(name);
        AssertRejected("SchemaViolation", WithReadings(change));
    }

    [Fact]
    public void SchemaViolation_for_kind_and_version_not_first_and_non_integer_keys()
    {
        var noKind = TestEncoder.ReadingsPayload();
        noKind.Remove(0);
        AssertRejected("SchemaViolation", SignPayload(noKind));
        // A text key after the integer keys (sorted correctly: major type 3 after major type 0).
        var writer = new CborWriter(CborConformanceMode.Canonical);
        var p = TestEncoder.ReadingsPayload();
        writer.WriteStartMap(9);
        foreach (var (key, value) in p)
        {
            writer.WriteUInt64(key);
            TestEncoder.WriteValue(writer, value);
        }
        writer.WriteTextString("x");
        writer.WriteUInt64(1);
        writer.WriteEndMap();
        AssertRejected("SchemaViolation", TestEncoder.Sign(writer.Encode(), DeviceKey));
        // The payload is not a map at all.
        AssertRejected("SchemaViolation", TestEncoder.Sign([0x80], DeviceKey));
    }

    [Fact]
    public void One_energy_decrease_is_accepted_with_CounterReset()
    {
        var batch = AssertAcceptedReadings(WithReadings(p => { p[6] = 0x02UL; ((object[])Samples(p)[3])[1] = 12UL; ((object[])Samples(p)[4])[1] = 180UL; ((object[])Samples(p)[5])[1] = 348UL; }));
        Assert.Equal(ReadingFlags.CounterReset, batch.Flags);
        Assert.Equal(12, batch.Samples[3].EnergyMwh);
    }

    [Fact]
    public void Optional_keys_dropped_and_dr_reports_decode()
    {
        var batch = AssertAcceptedReadings(WithReadings(p =>
        {
            p[6] = 0x24UL; // OutboxOverflow | Curtailed
            p[8] = 3UL;
            p[9] = new object[] { new object[] { "cmd-0001", 2UL, 1_763_971_800_000UL }, new object[] { "cmd-0001", 8UL, 1_763_971_900_000UL } };
        }));
        Assert.Equal(ReadingFlags.OutboxOverflow | ReadingFlags.Curtailed, batch.Flags);
        Assert.Equal(3, batch.Dropped);
        Assert.Equal([new DrReport("cmd-0001", DrOutcome.Curtailed, 1_763_971_800_000), new DrReport("cmd-0001", DrOutcome.OwnerOverride, 1_763_971_900_000)], batch.DrReports);
    }

    [Fact]
    public void Negative_power_and_int32_bounds_decode()
    {
        var batch = AssertAcceptedReadings(WithReadings(p =>
        {
            ((object[])Samples(p)[0])[2] = (long)int.MinValue;
            ((object[])Samples(p)[1])[2] = (long)int.MaxValue;
            ((object[])Samples(p)[2])[3] = (ulong)uint.MaxValue;
            p[2] = (ulong)long.MaxValue;
            p[3] = (ulong)uint.MaxValue;
        }));
        Assert.Equal(int.MinValue, batch.Samples[0].PowerMw);
        Assert.Equal(int.MaxValue, batch.Samples[1].PowerMw);
        Assert.Equal(uint.MaxValue, batch.Samples[2].VoltageMv);
        Assert.Equal(long.MaxValue, batch.Seq);
        Assert.Equal(uint.MaxValue, batch.Boot);
    }

    // ---- 107 UnsupportedVersion ---------------------------------------------------------------

    [Fact]
    public void UnsupportedVersion_for_version_2_and_0()
    {
        AssertRejected("UnsupportedVersion", WithReadings(p => p[1] = 2UL));
        AssertRejected("UnsupportedVersion", WithReadings(p => p[1] = 0UL));
        // Version is refused before anything else is read, even an unknown key.
        AssertRejected("UnsupportedVersion", WithReadings(p => { p[1] = 2UL; p[30] = "new field"; }));
    }

    // ---- 108 LimitExceeded --------------------------------------------------------------------

    public static TheoryData<string, Action<SortedDictionary<ulong, object>>> LimitViolations => new()
    {
        { "121 samples", p => p[7] = ((object[])TestEncoder.ReadingsPayload(121)[7]) },
        { "seq 2^63", p => p[2] = 1UL << 63 },
        { "boot 2^32", p => p[3] = 1UL << 32 },
        { "board 33 bytes", p => p[4] = new string('a', 33) },
        { "fw 33 bytes", p => p[5] = new string('1', 33) },
        { "power 2^31", p => ((object[])Samples(p)[0])[2] = 1L << 31 },
        { "power -2^31-1", p => ((object[])Samples(p)[0])[2] = -(1L << 31) - 1 },
        { "voltage 2^32", p => ((object[])Samples(p)[0])[3] = 1UL << 32 },
        { "current 2^32", p => ((object[])Samples(p)[0])[4] = 1UL << 32 },
        { "energy 2^63", p => ((object[])Samples(p)[5])[1] = 1UL << 63 },
        { "time after 9999", p => ((object[])Samples(p)[5])[0] = 253_402_300_800_000UL },
        { "17 dr reports", p => p[9] = Enumerable.Range(0, 17).Select(i => (object)new object[] { $"c{i}", 1UL, 1UL }).ToArray() },
        { "dr id 65 bytes", p => p[9] = new object[] { new object[] { new string('c', 65), 1UL, 1UL } } },
    };

    [Theory]
    [MemberData(nameof(LimitViolations))]
    public void LimitExceeded_for_each_bound(string name, Action<SortedDictionary<ulong, object>> change)
    {
        Assert.NotEmpty(name);
        AssertRejected("LimitExceeded", WithReadings(change));
    }

    [Fact]
    public void A_120_sample_batch_is_accepted_and_fits_the_size_limit()
    {
        var message = TestEncoder.SignedReadings(DeviceKey, 120);
        Assert.InRange(message.Length, 1, ProtocolLimits.MaxMessageBytes);
        Assert.Equal(120, AssertAcceptedReadings(message).Samples.Count);
    }

    // ---- 109 UnexpectedKind -------------------------------------------------------------------

    [Fact]
    public void UnexpectedKind_for_unknown_kinds_and_downlink_kinds_on_the_uplink()
    {
        AssertRejected("UnexpectedKind", WithReadings(p => p[0] = 4UL));
        AssertRejected("UnexpectedKind", WithReadings(p => p[0] = 0UL));
        var command = SignPayload(TestEncoder.DrCommandPayload(TestEncoder.PublicKeyOf(DeviceKey)));
        AssertRejected("UnexpectedKind", command);
        Assert.True(AnyKind.Decode(command).IsAccepted);
        var readingsOnly = new UplinkDecoder(new UplinkDecoderOptions { AcceptedKinds = MessageKinds.Readings });
        AssertRejected("UnexpectedKind", SignPayload(TestEncoder.HelloPayload()), readingsOnly);
    }

    // ---- Stage order ---------------------------------------------------------------------------

    [Fact]
    public void The_first_failing_stage_decides()
    {
        var payload = TestEncoder.EncodePayload(TestEncoder.ReadingsPayload());
        // Bad alg and bad kid: alg is checked first.
        AssertRejected("UnsupportedAlgorithm", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { ProtectedHeader = [0xA1, 0x01, 0x26], KeyId = new byte[3] }));
        // Bad kid and bad signature: kid first.
        AssertRejected("BadKeyId", TestEncoder.Sign(payload, DeviceKey, new EnvelopeOptions { KeyId = new byte[3], Signature = _ => [] }));
        // Bad signature and bad payload: signature first (the payload is not trusted before).
        var badPayload = TestEncoder.ReadingsPayload();
        badPayload[1] = 9UL;
        AssertRejected("BadSignature", TestEncoder.Sign(TestEncoder.EncodePayload(badPayload), DeviceKey, new EnvelopeOptions { Signature = s => { s[0] ^= 0x80; return s; } }));
    }
}
