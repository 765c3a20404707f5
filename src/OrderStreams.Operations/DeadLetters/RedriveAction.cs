namespace OrderStreams.Operations.DeadLetters;

/// <summary>What a redrive does with one dead letter.</summary>
public enum RedriveAction
{
    /// <summary>Produce its original key and value again to the partition it was read from.</summary>
    Original,

    /// <summary>Produce a corrected record in its place.</summary>
    Corrected,

    /// <summary>Mark it handled without producing anything (it came before the chosen ones and was given up on purpose).</summary>
    Skip,
}
