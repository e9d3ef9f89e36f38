using System;

namespace IlmEnergy.Firmware.Protocol.Encoding
{
    /// <summary>
    /// Base58 with the Bitcoin alphabet (the form of Solana addresses and IlmEnergy device ids).
    /// Each leading zero byte becomes a leading '1'. Plain base conversion on byte arrays, because
    /// the plug has no BigInteger; inputs are at most a few dozen bytes.
    /// </summary>
    public static class Base58
    {
        public const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

        public static string Encode(byte[] data)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            int zeros = 0;
            while (zeros < data.Length && data[zeros] == 0)
            {
                zeros++;
            }

            // log(256) / log(58) ≈ 1.365: digits needed for the non-zero part.
            int capacity = (data.Length - zeros) * 138 / 100 + 1;
            byte[] digits = new byte[capacity];
            int used = 0;
            for (int i = zeros; i < data.Length; i++)
            {
                int carry = data[i];
                for (int k = 0; k < used; k++)
                {
                    carry += digits[k] << 8; // digits are little-endian base 58
                    digits[k] = (byte)(carry % 58);
                    carry /= 58;
                }

                while (carry > 0)
                {
                    digits[used++] = (byte)(carry % 58);
                    carry /= 58;
                }
            }

            char[] text = new char[zeros + used];
            for (int i = 0; i < zeros; i++)
            {
                text[i] = '1';
            }

            for (int k = 0; k < used; k++)
            {
                text[zeros + k] = Alphabet[digits[used - 1 - k]];
            }

            return new string(text);
        }

        /// <summary>Decodes, or throws <see cref="ArgumentException"/> naming the first bad character.</summary>
        public static byte[] Decode(string text)
        {
            byte[] result;
            int badIndex = TryDecode(text, out result);
            if (badIndex >= 0)
            {
                throw new ArgumentException("not Base58: character at index " + badIndex.ToString());
            }

            return result;
        }

        /// <summary>Returns -1 on success, or the index of the first character outside the alphabet.</summary>
        public static int TryDecode(string text, out byte[] result)
        {
            result = null;
            if (text == null)
            {
                throw new ArgumentNullException("text");
            }

            int ones = 0;
            while (ones < text.Length && text[ones] == '1')
            {
                ones++;
            }

            // log(58) / log(256) ≈ 0.733: bytes needed for the rest.
            int capacity = (text.Length - ones) * 733 / 1000 + 1;
            byte[] bytes = new byte[capacity];
            int used = 0;
            for (int i = ones; i < text.Length; i++)
            {
                int carry = Alphabet.IndexOf(text[i]);
                if (carry < 0)
                {
                    return i;
                }

                for (int k = 0; k < used; k++)
                {
                    carry += bytes[k] * 58; // bytes are little-endian base 256
                    bytes[k] = (byte)carry;
                    carry >>= 8;
                }

                while (carry > 0)
                {
                    bytes[used++] = (byte)carry;
                    carry >>= 8;
                }
            }

            result = new byte[ones + used];
            for (int k = 0; k < used; k++)
            {
                result[ones + k] = bytes[used - 1 - k];
            }

            return -1;
        }
    }
}
