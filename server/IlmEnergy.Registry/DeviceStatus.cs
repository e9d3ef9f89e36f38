namespace IlmEnergy.Registry;

/// <summary>Where a device stands. Only <see cref="Active"/> devices have readings accepted.</summary>
public enum DeviceStatus
{
    /// <summary>Announced itself with a signed hello, not yet claimed by an owner.</summary>
    Pending = 0,

    /// <summary>Registered by an operator or claimed by its owner; readings are accepted.</summary>
    Active = 1,

    /// <summary>Stopped by an operator (fraud, tampering, owner request); readings are quarantined.</summary>
    Suspended = 2,
}
