namespace OrderStreams.Hosting.Metrics;

/// <summary>How a family folds measurements into a series.</summary>
internal enum Aggregation
{
    /// <summary>Counters and up-down counters: measurements are increments.</summary>
    Sum,

    /// <summary>Gauges and every observable instrument: a measurement is the current value (observable counters report their total).</summary>
    LastValue,

    Histogram,
}
