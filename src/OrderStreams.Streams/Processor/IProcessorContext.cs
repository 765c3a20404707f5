using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Processor;

/// <summary>What a processor sees of the task running it.</summary>
public interface IProcessorContext<KOut, VOut>
{
    string ApplicationId { get; }

    TaskId TaskId { get; }

    /// <summary>Where the record being processed came from; null inside a punctuation.</summary>
    RecordMetadata? RecordMetadata { get; }

    /// <summary>The highest record timestamp this task has seen (milliseconds), or <see cref="long.MinValue"/> before the first record.</summary>
    long CurrentStreamTime { get; }

    /// <summary>The wall clock in milliseconds (the test driver's mock clock under test).</summary>
    long CurrentSystemTime { get; }

    /// <summary>Sends a record to every child node.</summary>
    void Forward(Record<KOut, VOut> record);

    /// <summary>Sends a record to the named child node only.</summary>
    void Forward(Record<KOut, VOut> record, string childName);

    /// <summary>A store connected to this processor (see <see cref="StreamsBuilder.AddStateStore"/> and the store names passed to <c>Process</c>).</summary>
    S GetStateStore<S>(string name) where S : IStateStore;

    /// <summary>Calls <paramref name="punctuator"/> every <paramref name="interval"/> of stream or wall-clock time; dispose the result to cancel.</summary>
    IDisposable Schedule(TimeSpan interval, PunctuationType type, Punctuator punctuator);

    /// <summary>Asks for a commit as soon as possible after this record.</summary>
    void Commit();
}
