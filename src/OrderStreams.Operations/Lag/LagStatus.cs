namespace OrderStreams.Operations.Lag;

/// <summary>A partition's health over the evaluation window, after Burrow's consumer lag evaluation rules.</summary>
public enum PartitionStatus
{
    /// <summary>Caught up at least once in the window, or keeping pace.</summary>
    Ok,

    /// <summary>Committing, but the lag never went down between two samples: falling behind.</summary>
    Warn,

    /// <summary>The committed offset has not moved while lag stayed or grew: the consumer is stuck.</summary>
    Stall,

    /// <summary>No commit for longer than the window spans while behind: the consumer stopped.</summary>
    Stop,

    /// <summary>The committed offset went backwards (a reset or a replay); an error, as in Burrow.</summary>
    Rewind,
}

/// <summary>A group's health: the worst of its partitions (Stall, Stop and Rewind are errors).</summary>
public enum GroupStatus
{
    Ok,
    Warn,
    Error,
}
