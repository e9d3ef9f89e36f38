namespace IlmEnergy.Registry;

/// <summary>One plug as the server knows it.</summary>
/// <param name="DeviceId">Base58 of the Ed25519 public key (docs/protocol.md §1).</param>
/// <param name="PublicKey">The 32-byte Ed25519 public key.</param>
/// <param name="Board">Board model id, a file name in hardware/boards without extension.</param>
/// <param name="OwnerWallet">Base58 Solana wallet of the owner, once the plug is claimed.</param>
/// <param name="FirstSeenMs">Unix ms of the first message or registration.</param>
/// <param name="LastSeenMs">Unix ms of the last accepted message.</param>
public sealed record DeviceRecord(
    string DeviceId,
    byte[] PublicKey,
    string Board,
    DeviceStatus Status,
    string? OwnerWallet,
    string? FirmwareVersion,
    long FirstSeenMs,
    long LastSeenMs);
