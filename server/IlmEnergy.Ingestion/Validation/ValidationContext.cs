using IlmEnergy.Ingestion.Archive;
using IlmEnergy.Registry;

namespace IlmEnergy.Ingestion.Validation;

/// <summary>
/// Everything the acceptance rules look at besides the batch itself, gathered by the pipeline
/// beforehand so the rules stay a pure function.
/// </summary>
/// <param name="TopicDeviceId">The {id} segment of the topic the batch arrived on.</param>
/// <param name="ReceivedMs">Receive time, Unix ms, by the ingester's clock.</param>
/// <param name="Device">The registry record of the signer, or null when unknown.</param>
/// <param name="Board">The device's board, or null when the catalog lacks it.</param>
/// <param name="Previous">The stored batch of the device just below this seq, if any.</param>
/// <param name="Next">The stored batch of the device just above this seq, if any.</param>
public sealed record ValidationContext(
    string TopicDeviceId,
    long ReceivedMs,
    DeviceRecord? Device,
    BoardDefinition? Board,
    BatchSummary? Previous,
    BatchSummary? Next);
