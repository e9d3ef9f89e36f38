using System.Security.Cryptography;
using System.Text;

namespace IlmEnergy.Payouts;

/// <summary>SHA-256 (hex) of a row's canonical text, stored beside the row so a hand edit is detected on read.</summary>
internal static class RowHash
{
    public static string Of(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    public static string Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
