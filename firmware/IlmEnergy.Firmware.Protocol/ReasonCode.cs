namespace IlmEnergy.Firmware.Protocol
{
    /// <summary>Rejection reasons with their stable numbers from docs/protocol.md §6.</summary>
    public enum ReasonCode
    {
        None = 0,
        MessageTooLarge = 100,
        MalformedCbor = 101,
        NotCoseSign1 = 102,
        UnsupportedAlgorithm = 103,
        BadKeyId = 104,
        BadSignature = 105,
        SchemaViolation = 106,
        UnsupportedVersion = 107,
        LimitExceeded = 108,
        UnexpectedKind = 109,
        UnknownDevice = 200,
        DeviceSuspended = 201,
        TopicKeyMismatch = 202,
        DuplicateConflict = 203,
        TimestampInFuture = 204,
        TimestampTooOld = 205,
        EnergyDecreased = 206,
        PowerAboveRating = 207,
        ElectricallyInconsistent = 208,
        EnergyPowerMismatch = 209
    }

    /// <summary>Reason names as written in logs and vectors (nanoFramework's enum ToString gives only the number).</summary>
    public static class ReasonCodes
    {
        public static string NameOf(ReasonCode code)
        {
            switch (code)
            {
                case ReasonCode.None: return "None";
                case ReasonCode.MessageTooLarge: return "MessageTooLarge";
                case ReasonCode.MalformedCbor: return "MalformedCbor";
                case ReasonCode.NotCoseSign1: return "NotCoseSign1";
                case ReasonCode.UnsupportedAlgorithm: return "UnsupportedAlgorithm";
                case ReasonCode.BadKeyId: return "BadKeyId";
                case ReasonCode.BadSignature: return "BadSignature";
                case ReasonCode.SchemaViolation: return "SchemaViolation";
                case ReasonCode.UnsupportedVersion: return "UnsupportedVersion";
                case ReasonCode.LimitExceeded: return "LimitExceeded";
                case ReasonCode.UnexpectedKind: return "UnexpectedKind";
                case ReasonCode.UnknownDevice: return "UnknownDevice";
                case ReasonCode.DeviceSuspended: return "DeviceSuspended";
                case ReasonCode.TopicKeyMismatch: return "TopicKeyMismatch";
                case ReasonCode.DuplicateConflict: return "DuplicateConflict";
                case ReasonCode.TimestampInFuture: return "TimestampInFuture";
                case ReasonCode.TimestampTooOld: return "TimestampTooOld";
                case ReasonCode.EnergyDecreased: return "EnergyDecreased";
                case ReasonCode.PowerAboveRating: return "PowerAboveRating";
                case ReasonCode.ElectricallyInconsistent: return "ElectricallyInconsistent";
                case ReasonCode.EnergyPowerMismatch: return "EnergyPowerMismatch";
                default: return "Unknown" + ((int)code).ToString();
            }
        }
    }
}
