using System.Numerics;
using static IlmEnergy.Firmware.Crypto.Tests.BigNumbers;

namespace IlmEnergy.Firmware.Crypto.Tests;

/// <summary>Regenerates the embedded tables from B with textbook arithmetic and compares every coordinate.</summary>
public class BasePointTableTests
{
    [Fact]
    public void Base_point_is_the_one_of_RFC_8032()
    {
        Assert.Equal(
            BigInteger.Parse("15112221349535400772501151409588531511454012693041857206046113283949847762202"),
            ReferenceCurve.Base.X);
        Assert.Equal(
            "5866666666666666666666666666666666666666666666666666666666666666",
            Convert.ToHexStringLower(ReferenceCurve.Encode(ReferenceCurve.Base)));
    }

    [Fact]
    public void Every_comb_entry_is_its_multiple_of_B()
    {
        Assert.Equal(32 * 8 * 30, BasePointTable.Multiples.Length);
        var rowBase = ReferenceCurve.Base;
        for (int row = 0; row < BasePointTable.RowCount; row++)
        {
            var multiple = rowBase;
            for (int index = 0; index < BasePointTable.RowLength; index++)
            {
                AssertEntry(BasePointTable.Multiples, BasePointTable.Offset(row, index), multiple, "row " + row + " entry " + index);
                multiple = ReferenceCurve.Add(multiple, rowBase);
            }

            rowBase = ReferenceCurve.Multiply(256, rowBase);
        }
    }

    [Fact]
    public void Odd_multiples_are_B_3B_to_15B()
    {
        Assert.Equal(8 * 30, BasePointTable.OddMultiples.Length);
        for (int k = 0; k < 8; k++)
        {
            var point = ReferenceCurve.Multiply((2 * k) + 1, ReferenceCurve.Base);
            AssertEntry(BasePointTable.OddMultiples, k * BasePointTable.EntrySize, point, "odd " + k);
        }
    }

    [Fact]
    public void Entries_are_stored_as_plain_limb_splits_within_26_and_25_bits()
    {
        int[] table = BasePointTable.Multiples;
        for (int i = 0; i < table.Length; i++)
        {
            int width = i % 2 == 0 ? 26 : 25;
            Assert.InRange(table[i], 0, (1 << width) - 1);
        }
    }

    private static void AssertEntry(int[] table, int offset, (BigInteger X, BigInteger Y) point, string what)
    {
        int[] yPlusX = FieldElement.Create();
        int[] yMinusX = FieldElement.Create();
        int[] xy2d = FieldElement.Create();
        FieldElement.CopyFrom(yPlusX, table, offset);
        FieldElement.CopyFrom(yMinusX, table, offset + 10);
        FieldElement.CopyFrom(xy2d, table, offset + 20);

        Assert.True(Mod(point.Y + point.X) == Value(yPlusX), what + ": y+x");
        Assert.True(Mod(point.Y - point.X) == Value(yMinusX), what + ": y-x");
        Assert.True(Mod(2 * D * point.X * point.Y) == Value(xy2d), what + ": 2dxy");
    }
}
