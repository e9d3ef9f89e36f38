namespace IlmEnergy.Protocol;

/// <summary>
/// The four parts of a tagged COSE_Sign1 message (RFC 9052 §4.2), as slices of the received bytes.
/// Nothing is re-encoded: the signature is checked over exactly these bytes.
/// </summary>
/// <param name="ProtectedHeader">Contents of the protected-header bstr (must be <c>A1 01 27</c>).</param>
/// <param name="UnprotectedHeader">The encoded unprotected-header map (must be <c>{4: kid}</c>).</param>
/// <param name="Payload">Contents of the payload bstr.</param>
/// <param name="Signature">Contents of the signature bstr.</param>
public readonly record struct CoseSign1Envelope(
    ReadOnlyMemory<byte> ProtectedHeader,
    ReadOnlyMemory<byte> UnprotectedHeader,
    ReadOnlyMemory<byte> Payload,
    ReadOnlyMemory<byte> Signature);
