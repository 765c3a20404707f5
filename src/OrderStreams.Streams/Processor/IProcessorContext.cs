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

    /// <summary>
    /// The W3C <c>traceparent</c> of the record being processed (of its span when traced, else the header it came
    /// with); null in a punctuation or when it has none. Keep it with an entity's state, and put it on a record emitted
    /// later for that entity (<see cref="Record{K,V}.WithTraceParent"/>), so that record continues the entity's trace.
    /// </summary>
    string? TraceParent { get; }

    /// <summary>The wall clock in milliseconds (the test driver's mock clock under test).</summary>
    long CurrentSystemTime { get; }

    /// <summary>
    /// Wall-clock time (milliseconds) since which this task has been caught up with its input and got no record: every
    /// input partition was read and processed up to the end offset the consumer last fetched from the broker, and that
    /// broker still answers. Null while it is not: records wait in the topic or in buffers, a fetch fails or a broker is
    /// unreachable, or the task was just assigned or restored and has not read to the end yet. A deadline decided on
    /// the wall clock (a partition that gets no record never moves stream time) must wait for this, so that input
    /// waiting in the topic during a restart or an outage is read before the deadline fires.
    /// </summary>
    long? CaughtUpSince { get; }

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
