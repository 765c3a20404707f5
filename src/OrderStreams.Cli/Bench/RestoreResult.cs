namespace OrderStreams.Cli.Bench;

/// <summary>How fast the runtime restored a changelog into RocksDB: from the first store partition starting to the last one done.</summary>
internal sealed record RestoreResult(long Records, int ValueBytes, double Seconds, double RecordsPerSecond);
