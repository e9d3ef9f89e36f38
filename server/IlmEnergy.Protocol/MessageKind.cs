namespace IlmEnergy.Protocol;

/// <summary>Payload kind, key 0 of every payload (docs/protocol.md §3).</summary>
public enum MessageKind
{
    Readings = 1,
    Hello = 2,
    DrCommand = 3,
}

/// <summary>Which kinds a decoder accepts; anything else is <see cref="RejectReason.UnexpectedKind"/>.</summary>
[Flags]
public enum MessageKinds
{
    None = 0,
    Readings = 1 << MessageKind.Readings,
    Hello = 1 << MessageKind.Hello,
    DrCommand = 1 << MessageKind.DrCommand,

    /// <summary>What devices send to the server.</summary>
    Uplink = Readings | Hello,
    All = Readings | Hello | DrCommand,
}
