namespace OrderStreams.Streams.Processor;

public enum PunctuationType
{
    /// <summary>Advances with record timestamps: fires only while records arrive.</summary>
    StreamTime,

    /// <summary>Advances with the wall clock, whether records arrive or not.</summary>
    WallClockTime,
}
