namespace IlmEnergy.Protocol;

/// <summary>
/// Stable rejection reasons of docs/protocol.md §6. Names and numbers are part of the protocol:
/// they appear in logs, metrics, the quarantine store and the `ilm` tool, so never renumber.
/// </summary>
public enum RejectReason
{
    // Stage "decode" (envelope).
    MessageTooLarge = 100,
    MalformedCbor = 101,
    NotCoseSign1 = 102,
    UnsupportedAlgorithm = 103,
    BadKeyId = 104,

    // Stage "verify".
    BadSignature = 105,

    // Stage "payload".
    SchemaViolation = 106,
    UnsupportedVersion = 107,
    LimitExceeded = 108,
    UnexpectedKind = 109,

    // Stage "validate": produced by the ingester, after a successful decode.
    UnknownDevice = 200,
    DeviceSuspended = 201,
    TopicKeyMismatch = 202,
    DuplicateConflict = 203,
    TimestampInFuture = 204,
    TimestampTooOld = 205,
    EnergyDecreased = 206,
    PowerAboveRating = 207,
    ElectricallyInconsistent = 208,
    EnergyPowerMismatch = 209,
}
