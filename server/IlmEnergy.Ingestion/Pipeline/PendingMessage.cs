using IlmEnergy.Protocol;

namespace IlmEnergy.Ingestion.Pipeline;

/// <summary>A received message travelling through the pipeline, with its verification result once a worker has it.</summary>
internal sealed class PendingMessage(InboundMessage message)
{
    private readonly TaskCompletionSource<DecodeResult> verified = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InboundMessage Message { get; } = message;

    public Task<DecodeResult> Verified => verified.Task;

    public void SetVerified(DecodeResult result) => verified.TrySetResult(result);

    public void SetFailed(Exception exception) => verified.TrySetException(exception);
}
