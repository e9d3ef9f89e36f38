using IlmEnergy.Firmware.Protocol.Cbor;
using IlmEnergy.Firmware.Protocol.Cose;

namespace IlmEnergy.Firmware.Protocol.Messages
{
    /// <summary>
    /// Checks shared by every payload kind: the kind/version header, field formats and limits.
    /// Each failure throws <see cref="ProtocolException"/> with the reason code of docs/protocol.md §6.
    /// </summary>
    public static class PayloadRules
    {
        public const int FormatVersion = 1;
        public const int MaxNameLength = 32;
        public const int MaxIdLength = 64;
        public const ulong MaxSigned64 = 0x7FFFFFFFFFFFFFFF;

        /// <summary>
        /// Checks the payload is deterministic CBOR, opens its map and reads keys 0 and 1.
        /// Returns the reader positioned at key 2 onwards and the number of remaining pairs.
        /// </summary>
        public static CborReader OpenPayload(byte[] payload, MessageKind expectedKind, out int remainingPairs)
        {
            CoseSign1.RequireDeterministicCbor(payload, "payload");
            CborReader reader = new CborReader(payload);
            try
            {
                if (reader.PeekMajorType() != CborMajorType.Map)
                {
                    throw new ProtocolException(ReasonCode.SchemaViolation, "payload is not a map");
                }

                int pairs = reader.ReadStartMap();
                if (pairs < 2 || ReadKey(reader) != PayloadKeys.Kind)
                {
                    throw new ProtocolException(ReasonCode.SchemaViolation, "key 0 (kind) missing");
                }

                ulong kind = reader.ReadUInt64();
                if (ReadKey(reader) != PayloadKeys.Version)
                {
                    throw new ProtocolException(ReasonCode.SchemaViolation, "key 1 (version) missing");
                }

                ulong version = reader.ReadUInt64();
                if (version != FormatVersion)
                {
                    throw new ProtocolException(ReasonCode.UnsupportedVersion, "format version " + version.ToString());
                }

                if (kind != (ulong)expectedKind)
                {
                    throw new ProtocolException(ReasonCode.UnexpectedKind, "kind " + kind.ToString());
                }

                remainingPairs = pairs - 2;
                return reader;
            }
            catch (CborException e)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, e.Message);
            }
        }

        /// <summary>Reads a map key, which must be an unsigned integer.</summary>
        public static int ReadKey(CborReader reader)
        {
            if (reader.PeekMajorType() != CborMajorType.UnsignedInteger)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, "map key is not an unsigned integer");
            }

            ulong key = reader.ReadUInt64();
            return key > 1000 ? 1000 : (int)key; // every key above 27 is unknown anyway
        }

        public static ProtocolException UnknownKey(int key)
        {
            return new ProtocolException(ReasonCode.SchemaViolation, "unknown key " + key.ToString());
        }

        public static ProtocolException Missing(string field)
        {
            return new ProtocolException(ReasonCode.SchemaViolation, field + " missing");
        }

        /// <summary>Board id: 1–32 bytes of [a-z0-9._-].</summary>
        public static void CheckBoard(string board)
        {
            CheckLength(board, "board", MaxNameLength);
            for (int i = 0; i < board.Length; i++)
            {
                char c = board[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                if (!ok)
                {
                    throw new ProtocolException(ReasonCode.SchemaViolation, "board has a character outside [a-z0-9._-]");
                }
            }
        }

        /// <summary>Firmware version: 1–32 bytes of printable ASCII.</summary>
        public static void CheckFirmware(string firmware)
        {
            CheckLength(firmware, "fw", MaxNameLength);
            for (int i = 0; i < firmware.Length; i++)
            {
                if (firmware[i] < ' ' || firmware[i] > '~')
                {
                    throw new ProtocolException(ReasonCode.SchemaViolation, "fw is not printable ASCII");
                }
            }
        }

        public static void CheckFlags(uint flags)
        {
            if ((flags & ~BatchFlags.AllDefined) != 0)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, "reserved flag bits set");
            }
        }

        /// <summary>Command and event ids: 1–64 bytes of UTF-8.</summary>
        public static void CheckId(string id, string field)
        {
            CheckLength(id, field, MaxIdLength);
        }

        // Lengths are UTF-8 byte counts, as on the wire.
        private static void CheckLength(string value, string field, int maxBytes)
        {
            if (value == null || value.Length == 0)
            {
                throw new ProtocolException(ReasonCode.SchemaViolation, field + " is empty");
            }

            int bytes = System.Text.Encoding.UTF8.GetBytes(value).Length;
            if (bytes > maxBytes)
            {
                throw new ProtocolException(ReasonCode.LimitExceeded, field + " longer than " + maxBytes.ToString() + " bytes");
            }
        }
    }
}
