// CryptoStats is one process-wide counter: tests that read it must not overlap with tests that
// multiply, so this assembly runs its test classes one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
