using System;
using IlmEnergy.Firmware.Protocol.Cbor;

namespace IlmEnergy.Firmware.Protocol.Cose
{
    /// <summary>
    /// The COSE_Sign1 envelope of docs/protocol.md §2 (RFC 9052 §4.2 with EdDSA):
    /// <c>18([h'A10127', {4: kid}, h'payload', h'signature'])</c>, signature over
    /// <c>["Signature1", h'A10127', h'', h'payload']</c>.
    /// </summary>
    public static class CoseSign1
    {
        public const int MaxMessageSize = 4096;
        public const ulong Tag = 18;
        public const int AlgorithmLabel = 1;
        public const int KeyIdLabel = 4;
        public const int EdDsa = -8;
        public const int KeySize = 32;
        public const int SignatureSize = 64;
        public const string Context = "Signature1";

        /// <summary>The only protected header senders produce: the map {1: -8}.</summary>
        public static byte[] EdDsaProtectedHeader()
        {
            return new byte[] { 0xA1, 0x01, 0x27 };
        }

        /// <summary>Signs <paramref name="payload"/> and wraps it in a tagged COSE_Sign1.</summary>
        public static byte[] Sign(byte[] payload, IMessageSigner signer)
        {
            return Sign(payload, signer, EdDsaProtectedHeader());
        }

        /// <summary>
        /// Same, with a caller-chosen protected header (test vectors use it to build wrong-algorithm
        /// messages); firmware always uses <see cref="Sign(byte[], IMessageSigner)"/>.
        /// </summary>
        public static byte[] Sign(byte[] payload, IMessageSigner signer, byte[] protectedHeader)
        {
            if (payload == null || signer == null || protectedHeader == null)
            {
                throw new ArgumentNullException("payload");
            }

            byte[] signature = signer.Sign(BuildSigStructure(protectedHeader, payload));
            return Envelope(protectedHeader, signer.PublicKey, payload, signature);
        }

        /// <summary>The RFC 9052 Sig_structure for Signature1 with empty external AAD, deterministically encoded.</summary>
        public static byte[] BuildSigStructure(byte[] protectedHeader, byte[] payload)
        {
            CborWriter writer = new CborWriter(payload.Length + protectedHeader.Length + 24);
            writer.WriteStartArray(4);
            writer.WriteTextString(Context);
            writer.WriteByteString(protectedHeader);
            writer.WriteByteString(new byte[0]);
            writer.WriteByteString(payload);
            return writer.ToArray();
        }

        /// <summary>Assembles the tagged envelope from its parts (no signing).</summary>
        public static byte[] Envelope(byte[] protectedHeader, byte[] keyId, byte[] payload, byte[] signature)
        {
            CborWriter writer = new CborWriter(payload.Length + 128);
            writer.WriteTag(Tag);
            writer.WriteStartArray(4);
            writer.WriteByteString(protectedHeader);
            writer.WriteStartMap(1);
            writer.WriteUInt64(KeyIdLabel);
            writer.WriteByteString(keyId);
            writer.WriteByteString(payload);
            writer.WriteByteString(signature);
            return writer.ToArray();
        }

        /// <summary>
        /// Decodes and checks the envelope (size, CBOR, structure, algorithm, kid) without checking the
        /// signature. Throws <see cref="ProtocolException"/> with the §2 reason code.
        /// </summary>
        public static CoseSign1Message Decode(byte[] message)
        {
            if (message == null || message.Length > MaxMessageSize)
            {
                throw new ProtocolException(ReasonCode.MessageTooLarge, "message larger than 4096 bytes");
            }

            RequireDeterministicCbor(message, "message");

            CoseSign1Message result = new CoseSign1Message();
            CborReader reader = new CborReader(message);
            try
            {
                if (reader.PeekMajorType() != CborMajorType.Tag || reader.ReadTag() != Tag)
                {
                    throw new ProtocolException(ReasonCode.NotCoseSign1, "tag 18 missing");
                }

                if (reader.PeekMajorType() != CborMajorType.Array || reader.ReadStartArray() != 4)
                {
                    throw new ProtocolException(ReasonCode.NotCoseSign1, "not an array of 4 items");
                }

                result.ProtectedHeader = ReadByteString(reader, "protected header");
                if (reader.PeekMajorType() != CborMajorType.Map)
                {
                    throw new ProtocolException(ReasonCode.NotCoseSign1, "unprotected header is not a map");
                }

                result.KeyId = ReadKeyId(reader);
                result.Payload = ReadByteString(reader, "payload");
                result.Signature = ReadByteString(reader, "signature");
            }
            catch (CborException e)
            {
                throw new ProtocolException(ReasonCode.NotCoseSign1, e.Message);
            }

            CheckProtectedHeader(result.ProtectedHeader);
            if (result.Signature.Length != SignatureSize)
            {
                throw new ProtocolException(ReasonCode.BadSignature, "signature is not 64 bytes");
            }

            return result;
        }

        /// <summary>Throws <see cref="ReasonCode.BadSignature"/> unless the signature verifies over the received bytes.</summary>
        public static void Verify(CoseSign1Message message, IMessageVerifier verifier)
        {
            byte[] toBeSigned = BuildSigStructure(message.ProtectedHeader, message.Payload);
            if (!verifier.Verify(message.KeyId, toBeSigned, message.Signature))
            {
                throw new ProtocolException(ReasonCode.BadSignature, "signature does not verify");
            }
        }

        public static CoseSign1Message DecodeAndVerify(byte[] message, IMessageVerifier verifier)
        {
            CoseSign1Message decoded = Decode(message);
            Verify(decoded, verifier);
            return decoded;
        }

        /// <summary>Throws <see cref="ReasonCode.MalformedCbor"/> unless the bytes are exactly one deterministic item.</summary>
        public static void RequireDeterministicCbor(byte[] data, string what)
        {
            try
            {
                CborReader reader = new CborReader(data, 0, data.Length, CborReader.DefaultMaxDepth);
                reader.SkipValue();
                reader.ExpectEnd();
            }
            catch (CborException e)
            {
                throw new ProtocolException(ReasonCode.MalformedCbor, what + ": " + e.Message);
            }
        }

        private static byte[] ReadByteString(CborReader reader, string what)
        {
            if (reader.PeekMajorType() != CborMajorType.ByteString)
            {
                throw new ProtocolException(ReasonCode.NotCoseSign1, what + " is not a byte string");
            }

            return reader.ReadByteString();
        }

        private static byte[] ReadKeyId(CborReader reader)
        {
            int pairs = reader.ReadStartMap();
            if (pairs != 1 || reader.PeekMajorType() != CborMajorType.UnsignedInteger || reader.ReadUInt64() != KeyIdLabel
                || reader.PeekMajorType() != CborMajorType.ByteString)
            {
                throw new ProtocolException(ReasonCode.BadKeyId, "unprotected header must be exactly {4: bstr}");
            }

            byte[] kid = reader.ReadByteString();
            if (kid.Length != KeySize)
            {
                throw new ProtocolException(ReasonCode.BadKeyId, "kid is not a 32-byte Ed25519 key");
            }

            return kid;
        }

        // The protected header must decode to exactly {1: -8}.
        private static void CheckProtectedHeader(byte[] header)
        {
            if (header.Length == 0)
            {
                throw new ProtocolException(ReasonCode.NotCoseSign1, "empty protected header");
            }

            RequireDeterministicCbor(header, "protected header");
            CborReader reader = new CborReader(header);
            if (reader.PeekMajorType() != CborMajorType.Map || reader.ReadStartMap() != 1
                || reader.PeekMajorType() != CborMajorType.UnsignedInteger || reader.ReadUInt64() != AlgorithmLabel)
            {
                throw new ProtocolException(ReasonCode.NotCoseSign1, "protected header must be exactly {1: alg}");
            }

            CborMajorType valueType = reader.PeekMajorType();
            if (valueType != CborMajorType.UnsignedInteger && valueType != CborMajorType.NegativeInteger)
            {
                throw new ProtocolException(ReasonCode.UnsupportedAlgorithm, "algorithm is not an integer");
            }

            // Algorithm ids beyond 64 bits are still "some other algorithm".
            long algorithm;
            try
            {
                algorithm = reader.ReadInt64();
            }
            catch (CborException)
            {
                throw new ProtocolException(ReasonCode.UnsupportedAlgorithm, "algorithm out of range");
            }

            if (algorithm != EdDsa)
            {
                throw new ProtocolException(ReasonCode.UnsupportedAlgorithm, "algorithm " + algorithm.ToString() + " is not EdDSA (-8)");
            }
        }
    }
}
