namespace OrderStreams.Streams.Errors;

/// <summary>What to do with a record that cannot be deserialized, processed or produced.</summary>
public enum ExceptionHandling
{
    /// <summary>Stop the stream thread with a <see cref="StreamsException"/> (the record is retried after a restart).</summary>
    Fail,

    /// <summary>Log the error and skip the record.</summary>
    LogAndContinue,

    /// <summary>Send the record's original bytes with error headers to <see cref="StreamsConfig.DeadLetterQueueTopic"/> and skip it.</summary>
    DeadLetter,
}
