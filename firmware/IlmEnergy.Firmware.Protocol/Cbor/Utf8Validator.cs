namespace IlmEnergy.Firmware.Protocol.Cbor
{
    /// <summary>
    /// Strict UTF-8 check (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
    /// Decoders differ in how they treat bad input, so the reader refuses it before decoding.
    /// </summary>
    public static class Utf8Validator
    {
        public static bool IsValid(byte[] data, int offset, int count)
        {
            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                int b = data[i];
                if (b < 0x80)
                {
                    i++;
                    continue;
                }

                int extra;
                int minimum;
                int codePoint;
                if ((b & 0xE0) == 0xC0)
                {
                    extra = 1;
                    minimum = 0x80;
                    codePoint = b & 0x1F;
                }
                else if ((b & 0xF0) == 0xE0)
                {
                    extra = 2;
                    minimum = 0x800;
                    codePoint = b & 0x0F;
                }
                else if ((b & 0xF8) == 0xF0)
                {
                    extra = 3;
                    minimum = 0x10000;
                    codePoint = b & 0x07;
                }
                else
                {
                    return false;
                }

                if (i + extra >= end)
                {
                    return false; // sequence cut off by the end of the string
                }

                for (int k = 1; k <= extra; k++)
                {
                    int continuation = data[i + k];
                    if ((continuation & 0xC0) != 0x80)
                    {
                        return false;
                    }

                    codePoint = (codePoint << 6) | (continuation & 0x3F);
                }

                if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
                {
                    return false;
                }

                i += extra + 1;
            }

            return true;
        }
    }
}
